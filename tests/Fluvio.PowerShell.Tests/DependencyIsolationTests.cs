namespace Fluvio.PowerShell.Tests;

/// <summary>
/// The module's gRPC and protobuf load in its own AssemblyLoadContext, so it works beside a host
/// (here the test host, see LocalClusterFixture) that already loaded an older Google.Protobuf.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class DependencyIsolationTests(LocalClusterFixture cluster)
{
    private const string ModuleContext = "Fluvio.PowerShell.Dependencies";

    [Fact]
    public void TwoProtobufVersionsLiveSideBySideAndSendAndReceiveWork()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("alc");

        shell.Run($"'isolated' | Send-FluvioRecord -Topic {topic}").AssertClean();
        Assert.Equal(["isolated"], shell.Receive(topic).Values());

        var loaded = shell.Run(
            "[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -in 'Google.Protobuf', 'Grpc.Net.Client', 'Fluvio.Client' } | " +
            "ForEach-Object { '{0} in {1}' -f $_.GetName().Name, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }")
            .AssertClean().Output.Select(o => (string)o.BaseObject).Order().ToList();

        Assert.Equal(
            ["Fluvio.Client in " + ModuleContext, "Google.Protobuf in Default", "Google.Protobuf in " + ModuleContext, "Grpc.Net.Client in " + ModuleContext],
            loaded);
        var versions = shell.Run(
            "[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Google.Protobuf' } | " +
            "ForEach-Object { '{0} {1}' -f [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name, $_.GetName().Version.Minor }")
            .AssertClean().Output.Select(o => (string)o.BaseObject).Order();
        Assert.Equal(["Default 21", ModuleContext + " 36"], versions);
    }
}
