using Fluvio.Client;
using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests.Limits;

/// <summary>
/// Issue 12, item 1: a topic whose segment size makes every produce a new segment, across many
/// partitions, used to hold one descriptor per segment until the broker hit EMFILE and died.
/// Now segment files are opened on demand behind a bounded cache (256 by default): thousands of
/// segments later the broker holds about as many descriptors as when it started, and a normal
/// producer on another topic keeps every acknowledged record. Full mode measures the limits'
/// own scale: 10,000 partitions (ten topics of 1,000) and 100,000 segments, and a restart over them.
/// </summary>
public sealed class OpenFilesTests(ITestOutputHelper output)
{
    private const int CacheCapacity = 256; // StorageOptions.MaxOpenFiles' default

    [Fact(Timeout = 1_800_000)]
    public async Task Thousands_of_segments_keep_the_broker_descriptors_bounded_while_a_side_producer_loses_nothing()
    {
        int segments = Mode.Pick(2_000, 100_000);
        int topics = Mode.Pick(1, 10);
        int partitions = Mode.Pick(50, 1_000);
        string[] names = [.. Enumerable.Range(0, topics).Select(t => $"tiny-{t}")];
        string data = BrokerHost.NewDataDirectory();
        // Room for the side topic too: full mode fills the default 10,000 with the tiny topics.
        string[] room = ["--max-partitions", (topics * partitions + 1).ToString()];
        var broker = await BrokerHost.StartAsync(data, room);
        try
        {
            await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
            await client.CreateTopicAsync(new TopicSpec("side"));
            foreach (string name in names)
            {
                await client.CreateTopicAsync(new TopicSpec(name) { Partitions = partitions, SegmentSize = 1024 });
            }
            int descriptorsAtStart = broker.OpenDescriptors;
            long residentAtStart = broker.ResidentMiB;

            var ledger = new AckLedger();
            await using var side = await StampedProducer.StartAsync(broker.Endpoint, 1, ["side"], ledger);
            using var stop = new CancellationTokenSource();
            var sideRun = Task.Run(() => side.RunAsync(stop.Token));

            // One 700-byte record per batch and a 1 KiB segment size: every batch rolls a new segment.
            var started = DateTime.UtcNow;
            var value = new byte[700];
            int perTopic = segments / topics;
            var producers = new List<TopicProducer>();
            var sends = new List<ProduceFuture>(segments);
            foreach (string name in names)
            {
                var producer = await client.CreateProducerAsync(name, new ProducerOptions { BatchSize = 1000, Linger = TimeSpan.Zero });
                producers.Add(producer);
                for (int i = 0; i < perTopic; i++)
                {
                    sends.Add(producer.Send(null, value, i % partitions));
                    // In waves: every batch is a segment roll (files made and synced), and a
                    // request of thousands of rolls would outlast the client's request timeout.
                    if ((i + 1) % 2_000 == 0)
                    {
                        await producer.FlushAsync().Within(TimeSpan.FromSeconds(240), "a wave of 2,000 sends");
                    }
                }
                await producer.FlushAsync().Within(TimeSpan.FromSeconds(240), $"{perTopic} sends to one topic");
            }
            foreach (var producer in producers)
            {
                await producer.DisposeAsync();
            }
            Assert.All(sends, s => Assert.False(s.IsFaulted, s.Error?.Message));
            double seconds = (DateTime.UtcNow - started).TotalSeconds;
            int descriptorsAtPeak = broker.OpenDescriptors;
            long residentAtPeak = broker.ResidentMiB;
            stop.Cancel();
            await sideRun.Within(TimeSpan.FromSeconds(30), "the side producer's loop");
            await side.SettleAsync(TimeSpan.FromSeconds(30));

            int segmentFiles = Directory.EnumerateFiles(Path.Combine(broker.DataDirectory, "topics"), "*.log", SearchOption.AllDirectories).Count();
            Assert.False(broker.HasExited, broker.Diagnostics);
            Assert.True(segmentFiles >= segments, $"{segmentFiles} segment files for {segments} batches");
            Assert.True(descriptorsAtPeak <= descriptorsAtStart + CacheCapacity + 32, $"{descriptorsAtPeak} descriptors open ({descriptorsAtStart} at start) with {segmentFiles} segments");
            Assert.True(ledger.Count > 0, "the side producer got no acknowledgement");
            var stored = await StoredLog.ReadAsync(broker.Endpoint, "side", 1);
            StoredLog.AssertNone(stored.Check(ledger.All), "the side topic");

            // Every segment is still readable (through handles opened on demand) and the broker still serves.
            long read = 0;
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120)))
            {
                await foreach (var _ in client.ConsumeAsync(names[0], new ConsumerOptions { Partitions = [7] }, timeout.Token))
                {
                    read++;
                }
            }
            Assert.Equal(perTopic / partitions, read);

            // A restart over all of it opens every partition and still holds few descriptors.
            await broker.StopAsync();
            await broker.DisposeAsync();
            var restartedAt = DateTime.UtcNow;
            broker = await BrokerHost.StartAsync(data, room);
            double openSeconds = (DateTime.UtcNow - restartedAt).TotalSeconds;
            int descriptorsAfterRestart = broker.OpenDescriptors;
            Assert.True(descriptorsAfterRestart <= descriptorsAtStart + CacheCapacity + 32, $"{descriptorsAfterRestart} descriptors after the restart");
            Figures.Report(output, nameof(OpenFilesTests),
                $"{topics * partitions} partitions, {segmentFiles} segment files: {descriptorsAtPeak} descriptors open ({descriptorsAtStart} after the creates), " +
                $"{residentAtPeak} MiB RSS ({residentAtStart} after the creates), {segments / seconds:F0} one-batch segments/s; " +
                $"restart {openSeconds:F1} s to ready, {descriptorsAfterRestart} descriptors, {broker.ResidentMiB} MiB RSS; side producer {ledger.Count} acknowledged, 0 lost");
        }
        finally
        {
            await broker.DisposeAsync();
            TempData.Delete(data);
        }
    }
}
