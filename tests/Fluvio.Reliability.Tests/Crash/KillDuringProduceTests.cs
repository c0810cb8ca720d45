using System.Text.RegularExpressions;
using Fluvio.Client;
using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests.Crash;

/// <summary>
/// Issue item 1: SIGKILL of the broker at a random moment while 4 producers write into a topic
/// of 1 partition and one of 4, then restart and verify everything from offset 0 — 3 cycles in
/// quick mode, 50 in full. Zero acknowledged records may be missing.
/// </summary>
public sealed class KillDuringProduceTests(ITestOutputHelper output)
{
    private static readonly string[] Topics = ["kill-one", "kill-four"];

    [Fact(Timeout = 1_800_000)]
    public async Task Every_acknowledged_record_survives_sigkill_during_produce()
    {
        int cycles = Mode.Pick(3, 50);
        var random = Mode.SeededRandom(output);
        var ledger = new AckLedger();
        string data = BrokerHost.NewDataDirectory();
        long bytesCut = 0, cuts = 0;
        var broker = await BrokerHost.StartAsync(data);
        try
        {
            await using (var admin = await FluvioClient.ConnectAsync(broker.Endpoint))
            {
                await admin.CreateTopicAsync(new TopicSpec(Topics[0]) { Partitions = 1 });
                await admin.CreateTopicAsync(new TopicSpec(Topics[1]) { Partitions = 4 });
            }
            for (int cycle = 0; cycle < cycles; cycle++)
            {
                int ackedBefore = ledger.Count;
                await ProduceThenKillAsync(broker, cycle, random, ledger);
                broker = await BrokerHost.StartAsync(data);
                (long cut, int count) = CutsReported(broker.Diagnostics);
                bytesCut += cut;
                cuts += count;
                await VerifyAsync(broker, ledger, $"after kill {cycle + 1}");
                output.WriteLine($"cycle {cycle + 1}: {ledger.Count - ackedBefore} acknowledged, {cut} bytes cut at recovery, {DateTime.UtcNow:HH:mm:ss.fff}");
            }
        }
        finally
        {
            await broker.DisposeAsync();
            TempData.Delete(data);
        }
        Figures.Report(output, nameof(KillDuringProduceTests),
            $"{cycles} kill -9 cycles, {ledger.Count} records acknowledged, 0 lost, {cuts} recoveries cut a torn tail, {bytesCut} bytes cut in all");
    }

    private static async Task ProduceThenKillAsync(BrokerHost broker, int cycle, Random random, AckLedger ledger)
    {
        var producers = new List<StampedProducer>();
        for (int i = 0; i < 4; i++)
        {
            producers.Add(await StampedProducer.StartAsync(broker.Endpoint, cycle * 10 + i, Topics, ledger));
        }
        using var stop = new CancellationTokenSource();
        var running = producers.Select(p => Task.Run(() => p.RunAsync(stop.Token))).ToArray();
        // Some acknowledgements first, so the kill lands in the middle of a stream, not before it.
        int start = ledger.Count;
        await Bounded.Until(() => ledger.Count > start || running.Any(r => r.IsCompleted), TimeSpan.FromSeconds(30), "a first acknowledgement");
        // Short runs: the verifier reads the whole log after every restart, so 50 cycles of
        // long runs would spend their time re-reading, not crashing.
        await Task.Delay(random.Next(20, Mode.Pick(600, 400)));
        broker.Kill();
        stop.Cancel();
        await Task.WhenAll(running).Within(TimeSpan.FromSeconds(30), "the producers' loops");
        foreach (var producer in producers)
        {
            await producer.SettleAsync(TimeSpan.FromSeconds(10));
            await producer.DisposeAsync();
        }
    }

    private static async Task VerifyAsync(BrokerHost broker, AckLedger ledger, string context)
    {
        var acked = ledger.All;
        var problems = new List<string>();
        foreach (var (topic, partitions) in Topics.Zip([1, 4]))
        {
            var stored = await StoredLog.ReadAsync(broker.Endpoint, topic, partitions);
            problems.AddRange(stored.Check(acked));
        }
        StoredLog.AssertNone(problems, context);
    }

    /// <summary>Bytes recovery reported cutting (a torn tail), from the broker's stderr.</summary>
    internal static (long Bytes, int Count) CutsReported(string diagnostics)
    {
        var cuts = Regex.Matches(diagnostics, @"cut (\d+) bytes from");
        return (cuts.Sum(m => long.Parse(m.Groups[1].Value)), cuts.Count);
    }
}
