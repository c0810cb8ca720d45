using System.Diagnostics;
using Fluvio.Client;

namespace Fluvio.Bench;

/// <summary>
/// Case 8: the official client's consumer and our native consumer reading the same records
/// (case 3's 100 B topic, one partition) from the same broker, from the beginning. The official
/// client is measured with both of its streaming APIs: <c>createStream</c> (the yardstick,
/// an awaited <c>next()</c> per record) and its faster callback <c>stream</c>, so that the ratio
/// is not flattered by the slower one. The iterator reads about 20,000 records/s here, bound by
/// the client itself (node at 120 % CPU, the broker at 5 %), so it runs once; the callback API
/// and ours alternate rounds so that a burst of other load on this shared machine hits both, and
/// each ratio compares best rounds. Both sides check every record's value length and the count.
/// </summary>
internal static class ConsumerComparison
{
    private const int ValueBytes = 100;

    /// <summary>
    /// ours/official for the iterator and the callback API, and our native consumer's best round
    /// in records/s; null where a side cannot run (the reason is printed).
    /// </summary>
    public static async Task<(double? Iterator, double? Callback, double? OursRps)> RunAsync(FluvioClient? native, string nativeWhy, string repoRoot, string? sc, string topic, long records, int rounds)
    {
        var official = OfficialClient.Find(repoRoot, out string officialWhy);
        if (official is null || sc is null)
        {
            Print.NotMeasured("8 official consumer", sc is null ? "the broker reported no native SC port" : officialWhy);
            official = null;
        }
        if (native is null)
        {
            Print.NotMeasured("8 ours (native)", $"native client not available ({nativeWhy})");
        }
        Measurement? iterator = null, bestCallback = null, bestOurs = null;
        if (official is not null)
        {
            iterator = await official.ConsumeAsync(sc!, topic, records, ValueBytes, OfficialReadApi.Iterator);
            Print.Measurement("8 official createStream", iterator);
        }
        for (int round = 1; round <= rounds; round++)
        {
            if (official is not null)
            {
                var m = await official.ConsumeAsync(sc!, topic, records, ValueBytes, OfficialReadApi.Callback);
                Print.Measurement($"8 official stream(cb), round {round}", m);
                bestCallback = Measurement.Faster(bestCallback, m);
            }
            if (native is not null)
            {
                var m = await ReadAsync(native, topic, records);
                Print.Measurement($"8 ours (native), round {round}", m);
                bestOurs = Measurement.Faster(bestOurs, m);
            }
        }
        return (Ratio("8 ours/official createStream", bestOurs, iterator), Ratio("8 ours/official stream(cb)", bestOurs, bestCallback), bestOurs?.RecordsPerSecond);
    }

    private static double? Ratio(string name, Measurement? ours, Measurement? official)
    {
        if (ours is null || official is null)
        {
            return null;
        }
        double ratio = Math.Round(ours.RecordsPerSecond / official.RecordsPerSecond, 2);
        Print.Ratio(name, ratio, 1.5);
        return ratio;
    }

    // The same work as consume.mjs: open the stream, read every record, check its value.
    private static async Task<Measurement> ReadAsync(FluvioClient native, string topic, long expected)
    {
        long count = 0, bytes = 0;
        var clock = Stopwatch.StartNew();
        await foreach (var record in native.ConsumeAsync(topic, new ConsumerOptions { Partitions = [0] }))
        {
            if (record.Value.Length != ValueBytes)
            {
                throw new InvalidOperationException($"Record {record.Offset} has {record.Value.Length} bytes of value; the harness wrote {ValueBytes}.");
            }
            count++;
            bytes += record.Value.Length;
        }
        clock.Stop();
        if (count != expected)
        {
            throw new InvalidOperationException($"Read {count} records, expected {expected}.");
        }
        return new Measurement(count, bytes, clock.Elapsed);
    }
}
