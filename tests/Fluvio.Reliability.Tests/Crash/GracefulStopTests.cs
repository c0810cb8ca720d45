using Fluvio.Client;
using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests.Crash;

/// <summary>
/// Issue item 8, second part: SIGTERM while producers are writing. The broker drains and exits
/// 0, every acknowledged record is there, and the next start trusts the clean-shutdown marker:
/// it says so, and does not CRC-scan the active segments.
/// </summary>
public sealed class GracefulStopTests(ITestOutputHelper output)
{
    [Fact(Timeout = 180_000)]
    public async Task Sigterm_under_load_keeps_every_acknowledged_record_and_the_next_start_skips_the_scan()
    {
        string[] topics = ["graceful"];
        var ledger = new AckLedger();
        string data = BrokerHost.NewDataDirectory();
        await using (var broker = await BrokerHost.StartAsync(data))
        {
            await using (var admin = await FluvioClient.ConnectAsync(broker.Endpoint))
            {
                await admin.CreateTopicAsync(new TopicSpec("graceful") { Partitions = 4 });
            }
            var producers = new List<StampedProducer>();
            for (int i = 0; i < 4; i++)
            {
                producers.Add(await StampedProducer.StartAsync(broker.Endpoint, i, topics, ledger));
            }
            using var stop = new CancellationTokenSource();
            var running = producers.Select(p => Task.Run(() => p.RunAsync(stop.Token))).ToArray();
            await Bounded.Until(() => ledger.Count > 1000, TimeSpan.FromSeconds(30), "a thousand acknowledgements");

            int beforeStop = ledger.Count;
            var stopping = broker.StopAsync(TimeSpan.FromSeconds(60));
            // Still producing while the broker drains (an acknowledgement after the stop began, or
            // the stop already over); then the producers close their streams, which lets the stop
            // finish without waiting out the broker's 10 s grace.
            await Bounded.Until(() => ledger.Count > beforeStop || stopping.IsCompleted, TimeSpan.FromSeconds(30), "an acknowledgement while the broker stops");
            stop.Cancel();
            await Task.WhenAll(running).Within(TimeSpan.FromSeconds(30), "the producers' loops");
            foreach (var producer in producers)
            {
                await producer.SettleAsync(TimeSpan.FromSeconds(10));
                await producer.DisposeAsync();
            }
            Assert.Equal(0, await stopping);
            Assert.Contains("stopped", broker.Diagnostics);
        }

        await using var restarted = await BrokerHost.StartAsync(data);
        Assert.Contains("after a clean shutdown", restarted.Diagnostics);
        Assert.DoesNotContain("checking every active segment", restarted.Diagnostics);
        Assert.DoesNotContain("cut ", restarted.Diagnostics);
        StoredLog.AssertNone((await StoredLog.ReadAsync(restarted.Endpoint, "graceful", 4)).Check(ledger.All), "after SIGTERM");
        Figures.Report(output, nameof(GracefulStopTests), $"SIGTERM under load: exit 0, {ledger.Count} acknowledged, 0 lost, restart skipped the scan");
        await restarted.StopAsync();
        TempData.Delete(data);
    }
}
