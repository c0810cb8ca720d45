using Fluvio.Client;
using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests.Limits;

/// <summary>
/// Issue 12, item 1: a topic whose segment size makes every produce a new segment, across many
/// partitions, used to hold one descriptor per segment until the broker hit EMFILE and died.
/// Now segment files are opened on demand behind a bounded cache (256 by default): thousands of
/// segments later the broker holds about as many descriptors as when it started, and a normal
/// producer on another topic keeps every acknowledged record.
/// </summary>
public sealed class OpenFilesTests(ITestOutputHelper output)
{
    private const int CacheCapacity = 256; // StorageOptions.MaxOpenFiles' default

    [Fact(Timeout = 300_000)]
    public async Task Thousands_of_segments_keep_the_broker_descriptors_bounded_while_a_side_producer_loses_nothing()
    {
        int segments = Mode.Pick(2_000, 20_000);
        const int Partitions = 50;
        await using var broker = await BrokerHost.StartAsync();
        await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
        await client.CreateTopicAsync(new TopicSpec("side"));
        await client.CreateTopicAsync(new TopicSpec("tiny") { Partitions = Partitions, SegmentSize = 1024 });
        int descriptorsAtStart = broker.OpenDescriptors;

        var ledger = new AckLedger();
        await using var side = await StampedProducer.StartAsync(broker.Endpoint, 1, ["side"], ledger);
        using var stop = new CancellationTokenSource();
        var sideRun = Task.Run(() => side.RunAsync(stop.Token));

        // One 700-byte record per batch and a 1 KiB segment size: every batch rolls a new segment.
        await using (var producer = await client.CreateProducerAsync("tiny", new ProducerOptions { BatchSize = 1000, Linger = TimeSpan.Zero }))
        {
            var value = new byte[700];
            var sends = new List<ProduceFuture>(segments);
            for (int i = 0; i < segments; i++)
            {
                sends.Add(producer.Send(null, value, i % Partitions));
            }
            await producer.FlushAsync().Within(TimeSpan.FromSeconds(240), $"{segments} sends to 'tiny'");
            Assert.All(sends, s => Assert.False(s.IsFaulted, s.Error?.Message));
        }
        stop.Cancel();
        await sideRun.Within(TimeSpan.FromSeconds(30), "the side producer's loop");
        await side.SettleAsync(TimeSpan.FromSeconds(30));

        int segmentFiles = Directory.EnumerateFiles(Path.Combine(broker.DataDirectory, "topics", "tiny"), "*.log", SearchOption.AllDirectories).Count();
        int descriptors = broker.OpenDescriptors;
        Assert.False(broker.HasExited, broker.Diagnostics);
        Assert.True(segmentFiles >= segments, $"{segmentFiles} segment files for {segments} batches");
        Assert.True(descriptors <= descriptorsAtStart + CacheCapacity + 32, $"{descriptors} descriptors open ({descriptorsAtStart} at start) with {segmentFiles} segments");
        Assert.True(ledger.Count > 0, "the side producer got no acknowledgement");
        var stored = await StoredLog.ReadAsync(broker.Endpoint, "side", 1);
        StoredLog.AssertNone(stored.Check(ledger.All), "the side topic");

        // Every segment is still readable (through handles opened on demand) and the broker still serves.
        long read = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await foreach (var _ in client.ConsumeAsync("tiny", new ConsumerOptions { Partitions = [7] }, timeout.Token))
        {
            read++;
        }
        Assert.Equal(segments / Partitions, read);
        Figures.Report(output, nameof(OpenFilesTests),
            $"{segmentFiles} segment files in {Partitions} partitions: {descriptors} descriptors open ({descriptorsAtStart} at start), {broker.ResidentMiB} MiB RSS; side producer {ledger.Count} acknowledged, 0 lost");
    }
}
