using Fluvio.Client;
using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests.Crash;

/// <summary>
/// Issue item 8, first part: SIGKILL while segments roll every few batches (a tiny segment size)
/// and while retention deletes the oldest ones (checked every 20 ms). After each restart the log
/// is a dense run from its start to its end, nothing is fenced, and every acknowledged record
/// that retention did not delete is there.
/// </summary>
public sealed class RollAndRetentionCrashTests(ITestOutputHelper output)
{
    private static readonly (string Topic, int Partitions)[] Topics = [("rolling", 2), ("retained", 1)];

    [Fact(Timeout = 600_000)]
    public async Task Sigkill_during_segment_roll_and_retention_cleanup_loses_nothing_acknowledged()
    {
        int cycles = Mode.Pick(3, 20);
        var random = Mode.SeededRandom(output);
        var ledger = new AckLedger();
        string data = BrokerHost.NewDataDirectory();
        string[] args = ["--retention-check-ms", "20"];
        var broker = await BrokerHost.StartAsync(data, args);
        int maxSegments = 0;
        try
        {
            await using (var admin = await FluvioClient.ConnectAsync(broker.Endpoint))
            {
                await admin.CreateTopicAsync(new TopicSpec("rolling") { Partitions = 2, SegmentSize = 4096 });
                await admin.CreateTopicAsync(new TopicSpec("retained") { SegmentSize = 4096, MaxPartitionSize = 16 * 1024 });
            }
            for (int cycle = 0; cycle < cycles; cycle++)
            {
                var producers = new List<StampedProducer>();
                for (int i = 0; i < 2; i++)
                {
                    producers.Add(await StampedProducer.StartAsync(broker.Endpoint, cycle * 10 + i, [.. Topics.Select(t => t.Topic)], ledger,
                        StampedProducer.Defaults with { BatchSize = 512 }));
                }
                using var stop = new CancellationTokenSource();
                var running = producers.Select(p => Task.Run(() => p.RunAsync(stop.Token))).ToArray();
                int start = ledger.Count;
                await Bounded.Until(() => ledger.Count > start, TimeSpan.FromSeconds(30), "a first acknowledgement");
                await Task.Delay(random.Next(50, 800));
                maxSegments = Math.Max(maxSegments, SegmentFiles.Logs(data, "rolling", 0).Length);
                broker.Kill();
                stop.Cancel();
                await Task.WhenAll(running).Within(TimeSpan.FromSeconds(30), "the producers' loops");
                foreach (var producer in producers)
                {
                    await producer.SettleAsync(TimeSpan.FromSeconds(10));
                    await producer.DisposeAsync();
                }

                broker = await BrokerHost.StartAsync(data, args);
                Assert.DoesNotContain("fenced", broker.Diagnostics);
                var problems = new List<string>();
                foreach (var (topic, partitions) in Topics)
                {
                    problems.AddRange((await StoredLog.ReadAsync(broker.Endpoint, topic, partitions)).Check(ledger.All));
                }
                StoredLog.AssertNone(problems, $"after kill {cycle + 1}");
            }
            var retained = await StoredLog.ReadAsync(broker.Endpoint, "retained", 1);
            Assert.True(retained.LogStart[0] > 0, "retention should have deleted old segments");
            Figures.Report(output, nameof(RollAndRetentionCrashTests),
                $"{cycles} kill -9 cycles during roll (up to {maxSegments} segments in a partition) and retention (log start now {retained.LogStart[0]}), {ledger.Count} acknowledged, 0 lost");
        }
        finally
        {
            await broker.DisposeAsync();
            TempData.Delete(data);
        }
    }
}
