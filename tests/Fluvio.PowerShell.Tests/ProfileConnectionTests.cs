using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>
/// Which broker a cmdlet uses once profiles are in play: -Endpoint, Connect-Fluvio (endpoint or
/// -Profile), $env:FLUVIO_ENDPOINT, the profile file's current profile, the local cluster.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ProfileConnectionTests(LocalClusterFixture cluster) : IDisposable
{
    // The suite's run over the native protocol sets $env:FLUVIO_ENDPOINT, which comes before profiles.
    private readonly TemporaryEnvironment _noEndpoint = new(("FLUVIO_ENDPOINT", null));

    /// <summary>The test cluster's gRPC address, as a profile writes an endpoint.</summary>
    private string Grpc => cluster.LocalEndpoint.GetLeftPart(UriPartial.Authority);

    public void Dispose() => _noEndpoint.Dispose();

    private static string Profiles(string current, params (string Name, string Endpoint)[] profiles) =>
        $"current_profile = \"{current}\"\n" + string.Concat(profiles.Select(p =>
            $"\n[profile.{p.Name}]\ncluster = \"{p.Name}\"\n\n[cluster.{p.Name}]\nendpoint = \"{p.Endpoint}\"\n\n[cluster.{p.Name}.tls]\ntls_policy = \"disabled\"\n"));

    [Fact]
    public void WithNothingElseSetCmdletsUseTheCurrentProfile()
    {
        string topic = LocalClusterFixture.NewTopicName("prof");
        using var file = new ProfileFile(Profiles("grpc", ("grpc", Grpc), ("elsewhere", $"http://127.0.0.1:{TestSupport.ClosedPort()}")));
        // No local cluster to fall back on: whatever works here went through the profile.
        using var noLocalCluster = new TemporaryEnvironment(("FLUVIO_POWERSHELL_HOME", Path.GetDirectoryName(file.Path)));
        using var shell = cluster.NewShell();

        shell.Run($"New-FluvioTopic -Name {topic}; 'via the profile' | Send-FluvioRecord -Topic {topic}").AssertClean();

        Assert.Equal(["via the profile"], shell.Receive(topic).Values());
        Assert.Contains($"Fluvio endpoint: {Grpc}/ (profile 'grpc')", RunWithDebug(shell, "Get-FluvioTopic | Out-Null").Debug);
    }

    [Fact]
    public void AProfileAsFluvioClusterStartWritesItTalksNativeFluvioToTheClustersSc()
    {
        string topic = LocalClusterFixture.NewTopicName("native");
        using var shell = cluster.NewShell();
        string sc = (string)Assert.Single(shell.Run("Get-FluvioLocalCluster").AssertClean().Output).P("ScEndpoint")!;
        // The shape `fluvio cluster start` writes, with the SC's host:port as the endpoint.
        using var file = new ProfileFile($"""
            version = "2.0"
            current_profile = "local"

            [profile.local]
            cluster = "local"

            [cluster.local]
            endpoint = "{sc}"
            use_spu_local_address = false

            [cluster.local.tls]
            tls_policy = "disabled"
            """);

        shell.Run($"New-FluvioTopic -Name {topic}; 'over the native protocol' | Send-FluvioRecord -Topic {topic}").AssertClean();

        Assert.Equal(["over the native protocol"], shell.Receive(topic).Values());
        Assert.Contains($"Fluvio endpoint: fluvio://{sc}/ (profile 'local')", RunWithDebug(shell, "Get-FluvioTopic | Out-Null").Debug);
    }

    [Fact]
    public void TheCurrentProfileComesBeforeTheLocalClusterAndAfterFluvioEndpoint()
    {
        int closed = TestSupport.ClosedPort();
        using var file = new ProfileFile(Profiles("down", ("down", $"http://127.0.0.1:{closed}")));
        using var shell = cluster.NewShell();

        var error = shell.RunStrict("Get-FluvioTopic").AssertTerminating("ConnectionFailed", "GetFluvioTopicCommand", ErrorCategory.ConnectionError);
        Assert.Contains($"127.0.0.1:{closed}", error.Exception.Message);

        using var environment = new TemporaryEnvironment(("FLUVIO_ENDPOINT", Grpc));
        shell.Run("Get-FluvioTopic | Out-Null").AssertClean();
    }

    [Fact]
    public void ABareHostAndPortProfileResolvesToTheNativeProtocol()
    {
        int port = TestSupport.ClosedPort();
        using var file = new ProfileFile(Profiles("native", ("native", $"127.0.0.1:{port}")));
        using var shell = cluster.NewShell();

        var (debug, failed) = RunWithDebug(shell, "Get-FluvioTopic");

        Assert.Contains($"Fluvio endpoint: fluvio://127.0.0.1:{port}/ (profile 'native')", debug);
        Assert.True(failed, "nothing listens there, so the call must fail");
    }

    [Fact]
    public void ConnectFluvioProfileMakesTheProfileTheSessionsBroker()
    {
        using var file = new ProfileFile(Profiles("down", ("down", $"http://127.0.0.1:{TestSupport.ClosedPort()}"), ("grpc", Grpc)));
        using var elsewhere = new TemporaryEnvironment(("FLUVIO_ENDPOINT", $"http://127.0.0.1:{TestSupport.ClosedPort()}"));
        using var shell = cluster.NewShell();

        var connection = Assert.Single(shell.Run("Connect-Fluvio -Profile grpc -PassThru").AssertClean().Output);

        Assert.Equal((cluster.LocalEndpoint, "grpc"), ((Uri)connection.P("Endpoint")!, (string?)connection.P("Profile")));
        // The session's profile beats both $env:FLUVIO_ENDPOINT and the current profile, which point at closed ports.
        shell.Run("Get-FluvioTopic | Out-Null").AssertClean();
        // Another session does not inherit it.
        using var other = cluster.NewShell();
        other.RunStrict("Get-FluvioTopic").AssertTerminating("ConnectionFailed", "GetFluvioTopicCommand", ErrorCategory.ConnectionError);
    }

    [Fact]
    public void ConnectFluvioToAnUnknownProfileIsProfileNotFoundListingTheProfilesThere()
    {
        using var file = new ProfileFile(Profiles("grpc", ("grpc", Grpc), ("local", "127.0.0.1:9003")));
        using var shell = cluster.NewShell();

        var result = shell.RunStrict("Connect-Fluvio -Profile nope");

        var error = result.AssertTerminating("ProfileNotFound", "ConnectFluvioCommand", ErrorCategory.ObjectNotFound, "nope");
        Assert.Equal($"Profile 'nope' not found in '{file.Path}'. Its profiles: grpc, local.", error.Exception.Message);
        // The failed connect changed nothing: the current profile is still what the session uses.
        Assert.Contains($"(profile 'grpc')", string.Join("\n", RunWithDebug(shell, "Get-FluvioTopic | Out-Null").Debug));
    }

    [Fact]
    public void ConnectFluvioProfileWithoutAProfileFileIsProfileNotFoundNamingTheFile()
    {
        using var file = new ProfileFile(null);
        using var shell = cluster.NewShell();

        var error = shell.RunStrict("Connect-Fluvio prod").AssertTerminating("ProfileNotFound", "ConnectFluvioCommand", ErrorCategory.ObjectNotFound, "prod");

        Assert.StartsWith($"Profile 'prod' not found: there is no Fluvio profile file at '{file.Path}'", error.Exception.Message);
    }

    [Fact]
    public void ProfileAndEndpointAreDifferentParameterSets()
    {
        using var shell = cluster.NewShell();

        var result = shell.RunStrict($"Connect-Fluvio -Profile grpc -Endpoint {Grpc}");

        Assert.NotNull(result.Terminating);
        Assert.StartsWith("AmbiguousParameterSet,", result.Terminating.ErrorRecord.FullyQualifiedErrorId);
    }

    [Fact]
    public void AnUnusableCurrentProfileStopsCmdletsNamingTheFile()
    {
        using var file = new ProfileFile("current_profile = \"orphan\"\n[profile.orphan]\ncluster = \"gone\"\n");
        using var shell = cluster.NewShell();

        var error = shell.RunStrict("Get-FluvioTopic").AssertTerminating("InvalidArgument", "GetFluvioTopicCommand", ErrorCategory.InvalidArgument, file.Path);

        Assert.Equal($"Profile 'orphan' in '{file.Path}' uses cluster 'gone', which the file does not define.", error.Exception.Message);
    }

    /// <summary>Runs <paramref name="script"/> with debug output on; returns the debug lines and whether it failed.</summary>
    private static (List<string> Debug, bool Failed) RunWithDebug(PowerShellSession shell, string script)
    {
        using var ps = shell.CreatePowerShell("$DebugPreference = 'Continue'; " + script);
        bool failed = false;
        try
        {
            ps.Invoke();
        }
        catch (RuntimeException)
        {
            failed = true;
        }
        return (ps.Streams.Debug.Select(d => d.Message).ToList(), failed || ps.HadErrors);
    }
}
