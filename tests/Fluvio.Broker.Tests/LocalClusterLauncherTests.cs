using Fluvio.Client;
using Fluvio.Client.LocalCluster;

namespace Fluvio.Broker.Tests;

/// <summary>The local cluster launcher (Start-FluvioLocalCluster's engine) against the real broker.</summary>
public sealed class LocalClusterLauncherTests
{
    [Fact]
    public async Task TheBackgroundBrokerHoldsNoneOfTheCallersStandardStreams()
    {
        // A broker that outlives the shell must not keep the shell's pipes open: `... | tail`
        // or a CI step capturing output would otherwise wait for it forever. (Reads /proc: Linux.)
        string home = BrokerProcess.NewDataDirectory();
        var manager = new LocalClusterManager(home, BrokerProcess.BrokerPath());
        var (info, started) = await manager.StartAsync(null, 0, CancellationToken.None, scPort: 0, spuPort: 0);
        try
        {
            Assert.True(started);
            for (int fd = 0; fd <= 2; fd++)
            {
                string ours = File.ResolveLinkTarget($"/proc/self/fd/{fd}", false)?.ToString() ?? "";
                string broker = File.ResolveLinkTarget($"/proc/{info.ProcessId}/fd/{fd}", false)?.ToString() ?? "";
                Assert.NotEqual(ours, broker);
            }
            await using var client = await FluvioClient.ConnectAsync(info.Endpoint);
            Assert.Empty(await client.ListTopicsAsync());
            Assert.Equal(info, manager.Get());
            var (again, startedAgain) = await manager.StartAsync(null, 0, CancellationToken.None, scPort: 0, spuPort: 0);
            Assert.False(startedAgain);
            Assert.Equal(info.ProcessId, again.ProcessId);
        }
        finally
        {
            Assert.Equal(info, await manager.StopAsync(TimeSpan.FromSeconds(30), CancellationToken.None));
        }
        Assert.Null(manager.Get());
    }

    [Fact]
    public async Task A_local_cluster_asked_for_a_token_follows_the_broker_s_native_rule()
    {
        string home = BrokerProcess.NewDataDirectory();
        string token = Path.Combine(home, "token");
        File.WriteAllText(token, "local-token\n");
        var manager = new LocalClusterManager(home, BrokerProcess.BrokerPath());

        // Its native ports would be open without a token: refused, and the message says how to choose.
        var refused = await Assert.ThrowsAsync<FluvioException>(() => manager.StartAsync(null, 0, CancellationToken.None, ["--token-file", token], scPort: 0, spuPort: 0));
        Assert.Equal(FluvioErrorCode.InvalidArgument, refused.Code);
        Assert.StartsWith("--token-file guards gRPC only", refused.Message);
        Assert.Contains("--native-off", refused.Message);
        Assert.Null(manager.Get());

        var (info, started) = await manager.StartAsync(null, 0, CancellationToken.None, ["--token-file", token, "--native-off"], scPort: 0, spuPort: 0);
        try
        {
            Assert.True(started);
            Assert.Null(info.ScEndpoint);
            await using var client = await FluvioClient.ConnectAsync(info.Endpoint, new FluvioClientOptions { Token = "local-token" });
            Assert.Empty(await client.ListTopicsAsync());
        }
        finally
        {
            await manager.StopAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        }
    }
}
