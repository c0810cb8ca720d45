using Fluvio.Client;
using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests.Corruption;

/// <summary>
/// Issue item 4: the sparse offset indexes deleted, zeroed or truncated. They are only a
/// shortcut: the broker rebuilds them from the log, and a read at any offset still finds its
/// record (checked at random offsets through the broker process and the client).
/// </summary>
public sealed class IndexDamageTests(ITestOutputHelper output)
{
    public enum Damage
    {
        Deleted,
        Zeroed,
        Truncated,
    }

    [Theory(Timeout = 120_000)]
    [InlineData(Damage.Deleted)]
    [InlineData(Damage.Zeroed)]
    [InlineData(Damage.Truncated)]
    public async Task Indexes_are_rebuilt_and_random_lookups_find_their_records(Damage damage)
    {
        const string Topic = "indexes";
        var random = Mode.SeededRandom(output);
        string data = BrokerHost.NewDataDirectory();
        List<Acked> acked;
        await using (var first = await BrokerHost.StartAsync(data))
        {
            await using var client = await FluvioClient.ConnectAsync(first.Endpoint);
            // Segments of 48 KiB with an index entry every 4 KiB: several entries per segment.
            await client.CreateTopicAsync(new TopicSpec(Topic) { SegmentSize = 48 * 1024 });
            acked = await Produce.StampedAsync(client, Topic, producer: 1, count: 3000, perBatch: 25, padding: 60);
            Assert.Equal(0, await first.StopAsync()); // clean: the next start trusts the indexes
        }
        var indexes = SegmentFiles.Indexes(data, Topic, 0);
        Assert.True(indexes.Length >= 3 && indexes.Any(i => new FileInfo(i).Length >= 16), "expected several non-trivial indexes");
        var originals = indexes.ToDictionary(i => i, File.ReadAllBytes);
        foreach (string index in indexes)
        {
            long length = new FileInfo(index).Length;
            switch (damage)
            {
                case Damage.Deleted:
                    File.Delete(index);
                    break;
                case Damage.Zeroed:
                    await File.WriteAllBytesAsync(index, new byte[length]);
                    break;
                default:
                    // Half the entries (still whole) for some, a torn entry for the others.
                    await using (var file = File.OpenWrite(index))
                    {
                        file.SetLength(random.Next(2) == 0 ? length / 16 * 8 : Math.Max(0, length - 3));
                    }
                    break;
            }
        }

        await using var broker = await BrokerHost.StartAsync(data);
        Assert.Contains("after a clean shutdown", broker.Diagnostics);
        if (damage != Damage.Truncated)
        {
            Assert.Contains("rebuilding index", broker.Diagnostics); // a truncated one may just be completed
        }
        // Rebuilt or completed, each index is again exactly what it was.
        foreach (var (index, original) in originals)
        {
            byte[] now = await File.ReadAllBytesAsync(index);
            Assert.True(original.SequenceEqual(now), $"{index}: {now.Length} bytes after recovery, {original.Length} before the damage");
        }
        await using var reader = await FluvioClient.ConnectAsync(broker.Endpoint);
        int lookups = Mode.Pick(40, 400);
        for (int i = 0; i < lookups; i++)
        {
            var expected = acked[random.Next(acked.Count)];
            var found = await ReadOneAsync(reader, Topic, expected.Offset);
            Assert.Equal(expected.Offset, found.Offset);
            Assert.Equal(expected.Stamp, Stamp.Decode(found.Value.Span));
        }
        StoredLog.AssertNone((await StoredLog.ReadAsync(broker.Endpoint, Topic, 1)).Check(acked), damage.ToString());
        Figures.Report(output, nameof(IndexDamageTests), $"{damage}: {indexes.Length} indexes rebuilt, {lookups} random lookups correct");
        await broker.StopAsync();
        TempData.Delete(data);
    }

    private static async Task<ConsumerRecord> ReadOneAsync(FluvioClient client, string topic, long offset)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var options = new ConsumerOptions { Partitions = [0], Start = ConsumerStart.AtOffset(offset), EndOffset = offset };
        await foreach (var record in client.ConsumeAsync(topic, options, timeout.Token))
        {
            return record;
        }
        throw new InvalidOperationException($"Nothing read at offset {offset}.");
    }
}
