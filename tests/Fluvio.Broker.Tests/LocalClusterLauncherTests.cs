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
}
