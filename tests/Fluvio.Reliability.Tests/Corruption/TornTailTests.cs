using System.Buffers.Binary;
using Fluvio.Client;
using Fluvio.Protocol.Records;
using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests.Corruption;

/// <summary>
/// Issue item 2: the tail of the active segment torn or damaged after a crash. The broker still
/// starts, cuts back to the last valid batch (a flipped bit is caught by the CRC), keeps every
/// earlier byte as it was, and reports the cut on stderr or in its --log-file.
/// </summary>
public sealed class TornTailTests(ITestOutputHelper output)
{
    public enum Damage
    {
        TruncatedBytes,
        AppendedGarbage,
        FlippedBit,
        HugeLengthHeader,
    }

    [Theory(Timeout = 120_000)]
    [InlineData(Damage.TruncatedBytes, false)]
    [InlineData(Damage.AppendedGarbage, true)]
    [InlineData(Damage.FlippedBit, false)]
    [InlineData(Damage.HugeLengthHeader, true)]
    public async Task The_broker_starts_and_cuts_back_to_the_last_valid_batch(Damage damage, bool useLogFile)
    {
        const string Topic = "torn";
        var random = Mode.SeededRandom(output);
        string data = BrokerHost.NewDataDirectory();
        List<Acked> acked;
        await using (var first = await BrokerHost.StartAsync(data))
        {
            await using var client = await FluvioClient.ConnectAsync(first.Endpoint);
            await client.CreateTopicAsync(new TopicSpec(Topic));
            acked = await Produce.StampedAsync(client, Topic, producer: 1, count: 200, perBatch: 20);
            first.Kill(); // unclean: the next start CRC-checks the active segment
        }
        string segment = SegmentFiles.Logs(data, Topic, 0).Single();
        byte[] original = await File.ReadAllBytesAsync(segment);
        var batches = SegmentFiles.Batches(original);
        var last = batches[^1];
        Assert.Equal(original.Length, last.Position + last.Size);

        // What the file looks like after the "crash", and where recovery must cut it.
        byte[] damaged;
        int validEnd;
        switch (damage)
        {
            case Damage.TruncatedBytes:
                damaged = original[..(last.Position + random.Next(1, last.Size))];
                validEnd = last.Position;
                break;
            case Damage.AppendedGarbage:
                damaged = [.. original, .. RandomBytes(random, random.Next(1, 600))];
                validEnd = original.Length;
                break;
            case Damage.FlippedBit:
                damaged = (byte[])original.Clone();
                // Anywhere the CRC covers: from the attributes to the end of the last batch.
                int at = last.Position + BatchLayout.Attributes + random.Next(last.Size - BatchLayout.Attributes);
                damaged[at] ^= (byte)(1 << random.Next(8));
                validEnd = last.Position;
                break;
            default:
                var header = new byte[BatchLayout.Records + 100];
                BinaryPrimitives.WriteInt64BigEndian(header, last.Header.NextOffset);
                BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(BatchLayout.BatchLength), 0x7fff_fff0);
                header[BatchLayout.Magic] = BatchLayout.CurrentMagic;
                damaged = [.. original, .. header];
                validEnd = original.Length;
                break;
        }
        await File.WriteAllBytesAsync(segment, damaged);

        string logFile = Path.Combine(data, "broker.log");
        await using var restarted = await BrokerHost.StartAsync(data, useLogFile ? ["--log-file", logFile] : []);
        string report = useLogFile ? await File.ReadAllTextAsync(logFile) : restarted.Diagnostics;
        Assert.Contains($"cut {damaged.Length - validEnd} bytes from '{segment}' at position {validEnd}", report);
        Assert.Contains("after an unclean stop", report);

        // Earlier bytes untouched, the cut durable, every record before the cut still served.
        byte[] after = await File.ReadAllBytesAsync(segment);
        Assert.Equal(original[..validEnd], after);
        var stored = await StoredLog.ReadAsync(restarted.Endpoint, Topic, 1);
        long keptOffsets = validEnd == original.Length ? last.Header.NextOffset : last.Header.BaseOffset;
        var kept = acked.Where(a => a.Offset < keptOffsets).ToList();
        StoredLog.AssertNone(stored.Check(kept), damage.ToString());
        Assert.Equal(keptOffsets, stored.End[0]);

        // And the partition takes new records right after the cut.
        await using var again = await FluvioClient.ConnectAsync(restarted.Endpoint);
        var more = await Produce.StampedAsync(again, Topic, producer: 2, count: 5);
        Assert.Equal(keptOffsets, more[0].Offset);
        Figures.Report(output, nameof(TornTailTests), $"{damage}: cut {damaged.Length - validEnd} bytes at position {validEnd}, {kept.Count} of {acked.Count} records kept");
        TempData.Delete(data);
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
