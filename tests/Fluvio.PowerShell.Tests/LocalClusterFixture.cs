using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>
/// One real local cluster for the test run, started the way a user starts it
/// (Start-FluvioLocalCluster) from the published module, with its state in a temp home so the
/// tests never touch the user's own ~/.fluvio-powershell.
/// </summary>
public sealed class LocalClusterFixture : IAsyncLifetime
{
    public string Manifest { get; } = Path.Combine(RepoRoot(), "out", "Fluvio", "Fluvio.psd1");
    public string Home { get; } = Directory.CreateTempSubdirectory("fluvio-ps-test-").FullName;
    /// <summary>The endpoint the cmdlets use by default: the local cluster's gRPC one, or its native SC (NATIVE_TRANSPORT).</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The local cluster's own (gRPC) endpoint, as Get-FluvioLocalCluster shows it.</summary>
    public Uri LocalEndpoint { get; private set; } = null!;

    /// <summary>True in the run of this suite over Fluvio's native protocol (tests/Fluvio.PowerShell.Tests.Native).</summary>
#if NATIVE_TRANSPORT
    public static bool Native => true;
#else
    public static bool Native => false;
#endif

    /// <summary>What $env:FLV_PROFILE_PATH names between tests: a file that is never there.</summary>
    public string NoProfileFile => Path.Combine(Home, "no-fluvio-profiles");

    public Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("FLUVIO_POWERSHELL_HOME", Home);
        Environment.SetEnvironmentVariable("FLUVIO_ENDPOINT", null);
        Environment.SetEnvironmentVariable("FLUVIO_TOPIC", null);
        // A profile file that does not exist: the user's own ~/.fluvio/config must not pick the tests' broker.
        Environment.SetEnvironmentVariable("FLV_PROFILE_PATH", NoProfileFile);
        // An older Google.Protobuf in the host's default context before the module loads: the
        // module must still import and work (its own copy loads in its own context).
        _ = typeof(Google.Protobuf.ByteString).Assembly.GetName();
        using var shell = NewShell();
        var started = shell.Run("Start-FluvioLocalCluster -Port 0 -ScPort 0 -SpuPort 0").AssertClean();
        var cluster = started.Output.Single();
        LocalEndpoint = Endpoint = (Uri)cluster.Properties["Endpoint"].Value;
        if (Native)
        {
            // Every cmdlet of the suite now finds the cluster through $env:FLUVIO_ENDPOINT, over the native SC port.
            Endpoint = new Uri("fluvio://" + (string)cluster.Properties["ScEndpoint"].Value);
            Environment.SetEnvironmentVariable("FLUVIO_ENDPOINT", Endpoint.ToString());
        }
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        using (var shell = NewShell())
        {
            shell.Run("Stop-FluvioLocalCluster");
        }
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying process: the temp folder is cleaned up later.
        }
        return Task.CompletedTask;
    }

    public PowerShellSession NewShell() => new(Manifest);

    /// <summary>A topic name no other test uses.</summary>
    public static string NewTopicName(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 33)];

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Fluvio.PowerShell.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Fluvio.PowerShell.sln not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class LocalClusterCollection : ICollectionFixture<LocalClusterFixture>
{
    public const string Name = "local cluster";
}
