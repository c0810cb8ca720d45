using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>The module folder as users get it: a valid manifest exporting the twenty-one cmdlets, each with help.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ModuleManifestTests(LocalClusterFixture cluster)
{
    private static readonly string[] Names =
    [
        "Send-FluvioRecord", "Receive-FluvioRecord", "New-FluvioTopic", "Get-FluvioTopic", "Remove-FluvioTopic",
        "Get-FluvioPartition", "Add-FluvioPartition", "Get-FluvioCluster", "Export-FluvioTopic", "Import-FluvioTopic", "Get-FluvioConsumer", "Remove-FluvioConsumer", "Wait-FluvioConsumer", "Connect-Fluvio", "Get-FluvioProfile", "Start-FluvioLocalCluster", "Stop-FluvioLocalCluster", "Get-FluvioLocalCluster",
        "New-FluvioSmartModule", "Get-FluvioSmartModule", "Remove-FluvioSmartModule",
    ];

    public static TheoryData<string> Cmdlets => new(Names);

    [Fact]
    public void TheManifestIsValidAndExportsExactlyTheTwentyOneCmdlets()
    {
        using var shell = cluster.NewShell();

        var manifest = Assert.Single(shell.Run("Test-ModuleManifest -Path $manifest", variables: new Dictionary<string, object?> { ["manifest"] = cluster.Manifest })
            .AssertClean().Output);

        Assert.Equal("Fluvio", manifest.P("Name"));
        var exported = ((System.Collections.IDictionary)manifest.P("ExportedCmdlets")!).Keys.Cast<string>().Order();
        Assert.Equal(Names.Order(), exported);
        var imported = shell.Run("(Get-Command -Module Fluvio).Name").AssertClean().Output.Select(o => (string)o.BaseObject).Order();
        Assert.Equal(Names.Order(), imported);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void EveryCmdletHasHelpWithASynopsisAndAnExample(string cmdlet)
    {
        using var shell = cluster.NewShell();

        var help = Assert.Single(shell.Run($"Get-Help {cmdlet} -Full").AssertClean().Output);

        string synopsis = Assert.IsType<string>(help.P("Synopsis")).Trim();
        Assert.NotEmpty(synopsis);
        // Without a help file, Get-Help shows the syntax as the synopsis.
        Assert.DoesNotContain("CommonParameters", synopsis);
        Assert.False(synopsis.StartsWith(cmdlet, StringComparison.OrdinalIgnoreCase), $"Synopsis is the generated syntax: {synopsis}");
        var examples = shell.Run($"@((Get-Help {cmdlet}).examples.example)").AssertClean().Output;
        Assert.NotEmpty(examples);
        Assert.All(examples, e => Assert.False(string.IsNullOrWhiteSpace(e.P("code")?.ToString()), $"An example of {cmdlet} has no code."));
    }
}
