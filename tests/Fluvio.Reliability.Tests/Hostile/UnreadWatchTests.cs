using Fluvio.Client;
using Fluvio.Protocol.Native;
using Xunit.Abstractions;
using TopicSpec = Fluvio.Client.TopicSpec;

namespace Fluvio.Reliability.Tests.Hostile;

/// <summary>
/// A native SC client that opens watches and never reads them: every topic change queued one
/// more frame per watch, without end. Now a queued watch frame holds its bytes in the
/// connection's response budget (--max-connection-response-bytes, past 256 KiB also the
/// broker's), and when there is no room the connection is closed.
/// </summary>
public sealed class UnreadWatchTests(ITestOutputHelper output)
{
    private const int Connections = 4;
    private const int WatchesEach = 64;

    [Fact(Timeout = 180_000)]
    public async Task Watches_nobody_reads_are_closed_at_the_budget_while_topic_changes_go_on()
    {
        await using var broker = await BrokerHost.StartAsync();
        await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
        await using var native = await FluvioClient.ConnectAsync(new Uri($"fluvio://{broker.ScEndpoint}"));
        await using var side = await SideTraffic.StartAsync(broker, client);
        await side.KeepsGoingAsync(100, TimeSpan.FromSeconds(20));
        long residentAtStart = broker.ResidentMiB;

        var watchers = new List<RawNativeSocket>();
        await using var peaks = new BrokerPeaks(broker);
        try
        {
            for (int c = 0; c < Connections; c++)
            {
                var sc = await RawNativeSocket.ConnectAsync(broker.ScEndpoint);
                watchers.Add(sc);
                for (int w = 0; w < WatchesEach; w++)
                {
                    await sc.SendAsync(NativeFrame.Request(new RequestHeader((ushort)ScApiKey.Watch, 16, w + 1, "hostile-test"),
                        body => ObjectEnvelope.Write(body, ObjectLabel.Partition, watch => new WatchObjectsRequest(0, false).Encode(watch, 16))));
                }
            }
            // Each round pushes 1,000 partitions twice (created, deleted) to all 256 unread watches:
            // about 100 KB per frame, 50 MB per round to queue if nothing bounded it.
            for (int round = 0; round < 20; round++)
            {
                await native.CreateTopicAsync(new TopicSpec($"churn-{round}") { Partitions = 1_000 });
                await native.DeleteTopicAsync($"churn-{round}");
            }
            foreach (var sc in watchers)
            {
                Assert.True(await sc.ClosedByBrokerAsync(TimeSpan.FromSeconds(30)), "a connection whose watches were never read is still open");
            }
        }
        finally
        {
            foreach (var sc in watchers)
            {
                await sc.DisposeAsync();
            }
        }
        long peak = peaks.ResidentMiB;
        await side.KeepsGoingAsync(100, TimeSpan.FromSeconds(20));
        await side.StopAndCheckAsync();

        // A watch that is read still gets its snapshot and the changes after it.
        await native.CreateTopicAsync(new TopicSpec("after") { Partitions = 2 });
        Assert.Contains(await native.ListTopicsAsync(), t => t.Name == "after");
        Assert.False(broker.HasExited, broker.Diagnostics);
        // 16 MiB per connection, 64 MiB past their allowances, plus frames being built and garbage.
        Assert.True(peak <= residentAtStart + 300, $"{peak} MiB resident at the peak ({residentAtStart} before the attack)");
        Figures.Report(output, nameof(UnreadWatchTests),
            $"{Connections * WatchesEach} unread partition watches on {Connections} connections, 20 rounds of a 1,000-partition create and delete: " +
            $"every connection closed, peak {peak} MiB RSS ({residentAtStart} before); side producer {side.Acknowledged} acknowledged, 0 lost");
    }
}
