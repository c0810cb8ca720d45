using System.Management.Automation;
using Fluvio.Testing.SmartModules;

namespace Fluvio.PowerShell.Tests;

/// <summary>New-, Get- and Remove-FluvioSmartModule against the local cluster (gRPC here, native in the .Native suite).</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class SmartModuleAdminCmdletTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("fluvio-ps-smadmin-");

    private static string NewName() => "sm-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public void AStoredModuleIsListedRunByNameAndRemoved()
    {
        using var shell = cluster.NewShell();
        string name = NewName();
        string path = TestSmartModules.WriteFile(TestSmartModules.Map, _folder.FullName);

        var created = Assert.Single(shell.Run($"New-FluvioSmartModule -Name {name} -Path '{path}'").AssertClean().Output);
        Assert.Equal((name, new FileInfo(path).Length), ((string)created.P("Name")!, created.P<long>("Size")));
        Assert.Equal([name], shell.Run($"Get-FluvioSmartModule -Name {name[..6]}*").AssertClean().Output.Select(o => (string?)o.P("Name")).Where(n => n == name));

        string topic = shell.NewTopic("smadmin");
        shell.Run($"$input | Send-FluvioRecord -Topic {topic}", ["apple"]).AssertClean();
        Assert.Equal(["APPLE"], shell.Receive(topic, $"-SmartModule {name}").Values());

        Assert.Equal([name], shell.Run($"Get-FluvioSmartModule -Name {name} | Remove-FluvioSmartModule -Force -PassThru").AssertClean().Output.Select(o => (string?)o.BaseObject));
        var gone = shell.Run($"Get-FluvioSmartModule -Name {name}");
        Assert.Equal("SmartModuleNotFound", Assert.Single(gone.Errors).FullyQualifiedErrorId.Split(',')[0]);
    }

    [Fact]
    public void RemoveAsksFirstAndWhatIfRemovesNothing()
    {
        using var shell = cluster.NewShell();
        string name = NewName();
        shell.Run($"New-FluvioSmartModule -Name {name} -Path '{TestSmartModules.WriteFile(TestSmartModules.Filter, _folder.FullName)}'").AssertClean();

        shell.Run($"Remove-FluvioSmartModule -Name {name} -Force -WhatIf").AssertClean();
        Assert.Single(shell.Run($"Get-FluvioSmartModule -Name {name}").AssertClean().Output);
        shell.Run($"Remove-FluvioSmartModule -Name {name} -Confirm:$false").AssertClean();
        Assert.Empty(shell.Run($"Get-FluvioSmartModule -Name {name}*").AssertClean().Output);

        var missing = shell.Run($"Remove-FluvioSmartModule -Name {name} -Force");
        var error = Assert.Single(missing.Errors);
        Assert.Equal(($"SmartModuleNotFound,Fluvio.PowerShell.Commands.RemoveFluvioSmartModuleCommand", ErrorCategory.ObjectNotFound, (object)name),
            (error.FullyQualifiedErrorId, error.CategoryInfo.Category, error.TargetObject));
    }

    [Fact]
    public void BadModulesAndTakenNamesAreNonTerminatingErrors()
    {
        using var shell = cluster.NewShell();
        string name = NewName();
        string good = TestSmartModules.WriteFile(TestSmartModules.Filter, _folder.FullName);
        string text = Path.Combine(_folder.FullName, "filter.wat");
        File.WriteAllText(text, TestSmartModules.Filter);

        var result = shell.Run($"New-FluvioSmartModule -Name {name} -Path '{good}'; New-FluvioSmartModule -Name {name} -Path '{good}'; New-FluvioSmartModule -Name x-{name} -Path '{text}'; New-FluvioSmartModule -Name y-{name} -Path missing.wasm");
        Assert.Single(result.Output);
        Assert.Equal(["SmartModuleFailed", "InvalidSmartModule", "FileNotFound"], result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Equal($"SmartModule '{name}' already exists.", result.Errors[0].Exception.Message);
        shell.Run($"Remove-FluvioSmartModule -Name {name} -Force").AssertClean();
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
