using Fluvio.Client;

namespace Fluvio.Bench;

/// <summary>
/// Case 4: the official client and our native client producing the same 100 B records to the
/// same broker, each into a fresh one-partition topic, with default producer settings on both
/// sides. Rounds alternate official, ours, official, ours… so that a burst of other load on
/// this shared machine hits both; the ratio compares the best round of each.
/// </summary>
internal static class ProducerComparison
{
    private const int ValueBytes = 100;
    private const int SendAllBatch = 1000;

    /// <summary>ours/official, or null when either side cannot run (the reason is printed).</summary>
    public static async Task<double?> RunAsync(FluvioClient admin, FluvioClient? native, string nativeWhy, string repoRoot, string? sc, BenchSettings settings)
    {
        var official = OfficialClient.Find(repoRoot, out string officialWhy);
        if (official is null || sc is null)
        {
            Print.NotMeasured("4 official client", sc is null ? "the broker reported no native SC port" : officialWhy);
        }
        if (native is null)
        {
            Print.NotMeasured("4 ours (native)", $"native client not available ({nativeWhy})");
        }
        Measurement? bestOfficial = null, bestOurs = null;
        for (int round = 1; round <= settings.OfficialRounds; round++)
        {
            if (official is not null && sc is not null)
            {
                string topic = await FreshTopicAsync(admin, $"official-{round}");
                var m = await official.ProduceAsync(sc, topic, settings.OfficialRecords, ValueBytes, SendAllBatch);
                await CheckStoredAsync(admin, topic, m.Records);
                Print.Measurement($"4 official client, round {round}", m);
                bestOfficial = Measurement.Faster(bestOfficial, m);
            }
            if (native is not null)
            {
                string topic = await FreshTopicAsync(admin, $"ours-{round}");
                var m = await SameRecords.ProduceAsync(native, topic, settings.OfficialRecords, ValueBytes);
                await CheckStoredAsync(admin, topic, m.Records);
                Print.Measurement($"4 ours (native), round {round}", m);
                bestOurs = Measurement.Faster(bestOurs, m);
            }
        }
        if (bestOfficial is null || bestOurs is null)
        {
            return null;
        }
        double ratio = Math.Round(bestOurs.RecordsPerSecond / bestOfficial.RecordsPerSecond, 2);
        Print.Ratio("4 ours/official (best rounds)", ratio, 1.0);
        return ratio;
    }

    private static async Task<string> FreshTopicAsync(FluvioClient admin, string name)
    {
        await admin.CreateTopicAsync(new TopicSpec(name));
        return name;
    }

    // A producer that reports success for records the broker never stored would win on speed.
    private static async Task CheckStoredAsync(FluvioClient admin, string topic, long expected)
    {
        long stored = (await admin.ListPartitionsAsync(topic)).Sum(p => p.EndOffset);
        if (stored != expected)
        {
            throw new InvalidOperationException($"Topic '{topic}' holds {stored} records after the run, {expected} were sent.");
        }
    }
}
