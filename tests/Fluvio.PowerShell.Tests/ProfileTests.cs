using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>Get-FluvioProfile and -Profile completion over a Fluvio CLI profile file named by $env:FLV_PROFILE_PATH.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ProfileTests(LocalClusterFixture cluster)
{
    private const string ThreeProfiles = """
        version = "2.0"
        current_profile = "local"

        [profile.local]
        cluster = "local"

        [profile.staging]
        cluster = "staging"

        [profile."night shift"]
        cluster = "local"

        [cluster.local]
        endpoint = "127.0.0.1:9003"
        use_spu_local_address = false

        [cluster.local.tls]
        tls_policy = "disabled"

        [cluster.staging]
        endpoint = "sc.staging.example:9003"

        [cluster.staging.tls]
        tls_policy = "verified"
        tls_source = "files"

        [cluster.staging.tls.certs]
        domain = "staging.example"
        key = "/etc/fluvio/client.key"
        cert = "/etc/fluvio/client.crt"
        ca_cert = "/etc/fluvio/ca.crt"
        """;

    [Fact]
    public void GetFluvioProfileListsEveryProfileWithTheCurrentOneMarked()
    {
        using var file = new ProfileFile(ThreeProfiles);
        using var shell = cluster.NewShell();

        var profiles = shell.Run("Get-FluvioProfile").AssertClean().Output;

        Assert.Equal(["local", "night shift", "staging"], profiles.Select(p => (string)p.P("Name")!));
        Assert.All(profiles, p => Assert.Equal("Fluvio.PowerShell.FluvioProfile", p.BaseObject.GetType().FullName));
        Assert.Equal(["local"], profiles.Where(p => (bool)p.P("IsCurrent")!).Select(p => (string)p.P("Name")!));
        var staging = profiles[2];
        Assert.Equal(("staging", "sc.staging.example:9003", "Verified", "staging.example", file.Path),
            ((string)staging.P("Cluster")!, (string)staging.P("Endpoint")!, staging.P("Tls")!.ToString(), (string)staging.P("TlsDomain")!, (string)staging.P("Path")!));
        Assert.Equal("Disabled", profiles[0].P("Tls")!.ToString());
    }

    [Fact]
    public void NamesAndWildcardsFilterAndAMissingNameIsANonTerminatingProfileNotFound()
    {
        using var file = new ProfileFile(ThreeProfiles);
        using var shell = cluster.NewShell();

        var result = shell.Run("Get-FluvioProfile -Name 'sta*', 'LOCAL', 'prod', 'x*'");

        Assert.Equal(["staging", "local"], result.Output.Select(p => (string)p.P("Name")!));
        var error = TestSupport.AssertError(Assert.Single(result.Errors), "ProfileNotFound", "GetFluvioProfileCommand", ErrorCategory.ObjectNotFound, "prod");
        Assert.Equal($"Profile 'prod' not found: it is not in '{file.Path}'.", error.Exception.Message);
        // Names come from the pipeline too.
        Assert.Equal(["staging"], shell.Run("'staging' | Get-FluvioProfile").AssertClean().Output.Select(p => (string)p.P("Name")!));
    }

    [Fact]
    public void WithoutAProfileFileNothingIsWrittenAndVerboseSaysWhereItLooked()
    {
        using var file = new ProfileFile(null);
        using var shell = cluster.NewShell();

        var all = shell.Run("Get-FluvioProfile -Verbose; Get-FluvioProfile 'l*'").AssertClean();

        Assert.Empty(all.Output);
        Assert.Contains($"There is no Fluvio profile file at '{file.Path}'", all.Verbose[0]);
        var named = shell.Run("Get-FluvioProfile local");
        Assert.Empty(named.Output);
        var error = TestSupport.AssertError(Assert.Single(named.Errors), "ProfileNotFound", "GetFluvioProfileCommand", ErrorCategory.ObjectNotFound, "local");
        Assert.Equal($"Profile 'local' not found: there is no Fluvio profile file at '{file.Path}'.", error.Exception.Message);
    }

    [Fact]
    public void AMalformedProfileFileStopsGetFluvioProfileNamingTheFileAndTheFault()
    {
        using var file = new ProfileFile("[profile.local]\ntopic = \"t\"\n");
        using var shell = cluster.NewShell();

        var result = shell.RunStrict("Get-FluvioProfile");

        var error = result.AssertTerminating("InvalidArgument", "GetFluvioProfileCommand", ErrorCategory.InvalidArgument, file.Path);
        Assert.Equal($"The Fluvio profile file '{file.Path}' is not valid: [profile.local] has no 'cluster'.", error.Exception.Message);
    }

    [Fact]
    public void ProfileNamesCompleteFromTheProfileFileQuotedWhenTheyNeedIt()
    {
        using var file = new ProfileFile(ThreeProfiles);
        using var shell = cluster.NewShell();

        Assert.Equal(["staging"], Complete(shell, "Connect-Fluvio -Profile st"));
        Assert.Equal(["local", "'night shift'", "staging"], Complete(shell, "Connect-Fluvio -Profile "));
        Assert.Equal(["'night shift'"], Complete(shell, "Get-FluvioProfile n"));
    }

    [Fact]
    public void TheTomlReaderLoadsInTheModulesOwnLoadContext()
    {
        using var file = new ProfileFile(ThreeProfiles);
        using var shell = cluster.NewShell();

        shell.Run("Get-FluvioProfile | Out-Null").AssertClean();
        var contexts = shell.Run(
            "[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Tomlyn' } | " +
            "ForEach-Object { [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }").AssertClean().Output;

        Assert.Equal(["Fluvio.PowerShell.Dependencies"], contexts.Select(o => (string)o.BaseObject));
    }

    private static List<string> Complete(PowerShellSession shell, string line) =>
        shell.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches",
                variables: new Dictionary<string, object?> { ["line"] = line })
            .AssertClean().Output.Select(o => ((CompletionResult)o.BaseObject).CompletionText).ToList();
}
