using System.Diagnostics;
using Fluvio.Client;

namespace Fluvio.Bench;

/// <summary>
/// Case 5 (library): the consumer reading a whole topic from the beginning to the end seen at the
/// start. The first read of each API is a warm-up (the consumer path's first run is JIT tier 0, as
/// the cmdlet cases' first 50,000 records are).
/// </summary>
internal static class LibraryConsume
{
    /// <summary>
    /// ConsumeAsync (an object per record) and ConsumeBatchesAsync (a response at a time), each
    /// warmed up once, then timed in alternating rounds so a burst of other load on this shared
    /// machine hits both; each side's best round is returned, and every round is printed.
    /// </summary>
    public static async Task<(Measurement Records, Measurement Batches)> RunAsync(FluvioClient client, string topic, long expected, int rounds)
    {
        await ReadAsync(client, topic, expected);
        await ReadBatchesAsync(client, topic, expected);
        Measurement? records = null, batches = null;
        for (int round = 1; round <= rounds; round++)
        {
            var r = await ReadAsync(client, topic, expected);
            Print.Measurement($"5 library consume, round {round}", r);
            records = Measurement.Faster(records, r);
            var b = await ReadBatchesAsync(client, topic, expected);
            Print.Measurement($"5 library consume batches, round {round}", b);
            batches = Measurement.Faster(batches, b);
        }
        return (records!, batches!);
    }

    private static async Task<Measurement> ReadBatchesAsync(FluvioClient client, string topic, long expected)
    {
        long records = 0, bytes = 0;
        var clock = Stopwatch.StartNew();
        await foreach (var batch in client.ConsumeBatchesAsync(topic, new ConsumerOptions()))
        {
            var list = batch.Records;
            for (int i = 0; i < list.Count; i++)
            {
                records++;
                bytes += list[i].Value.Length;
            }
        }
        clock.Stop();
        if (records != expected)
        {
            throw new InvalidOperationException($"Read {records} records, expected {expected}.");
        }
        return new Measurement(records, bytes, clock.Elapsed);
    }

    private static async Task<Measurement> ReadAsync(FluvioClient client, string topic, long expected)
    {
        long records = 0, bytes = 0;
        var clock = Stopwatch.StartNew();
        await foreach (var record in client.ConsumeAsync(topic, new ConsumerOptions()))
        {
            records++;
            bytes += record.Value.Length;
        }
        clock.Stop();
        if (records != expected)
        {
            throw new InvalidOperationException($"Read {records} records, expected {expected}.");
        }
        return new Measurement(records, bytes, clock.Elapsed);
    }
}
