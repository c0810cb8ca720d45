using Fluvio.Client;
using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests.Limits;

/// <summary>
/// Issue item 7: 64 producers at once on their own connections, into a topic of 1 partition and
/// one of 8, a tenth of them cancelled while requests are in flight. Every acknowledged record is
/// there, each stored batch is one producer's batch whole (never interleaved), offsets are dense.
/// </summary>
public sealed class ConcurrentProducersTests(ITestOutputHelper output)
{
    [Fact(Timeout = 300_000)]
    public async Task Sixty_four_producers_with_some_cancelled_lose_nothing_acknowledged_and_never_interleave()
    {
        const int Producers = 64;
        (string, int)[] topics = [("many-one", 1), ("many-eight", 8)];
        var random = Mode.SeededRandom(output);
        var ledger = new AckLedger();
        await using var broker = await BrokerHost.StartAsync();
        await using (var admin = await FluvioClient.ConnectAsync(broker.Endpoint))
        {
            foreach (var (topic, partitions) in topics)
            {
                await admin.CreateTopicAsync(new TopicSpec(topic) { Partitions = partitions });
            }
        }
        int requests = Mode.Pick(40, 400);
        var cancelled = Enumerable.Range(0, Producers).OrderBy(_ => random.Next()).Take(Producers / 10).ToHashSet();
        var runs = Enumerable.Range(0, Producers).Select(id =>
        {
            var producerRandom = new Random(Mode.Seed ^ (id * 7919));
            int? cancelAfter = cancelled.Contains(id) ? producerRandom.Next(1, requests) : null;
            return Task.Run(() => new RawProducer(broker.Endpoint, id, ledger).RunAsync(topics, requests, cancelAfter, producerRandom));
        }).ToArray();
        await Task.WhenAll(runs).Within(TimeSpan.FromMinutes(4), "64 producers");

        var problems = new List<string>();
        foreach (var (topic, partitions) in topics)
        {
            var stored = await StoredLog.ReadAsync(broker.Endpoint, topic, partitions);
            problems.AddRange(stored.Check(ledger.All));
            problems.AddRange(stored.CheckBatchesWhole());
        }
        StoredLog.AssertNone(problems, "64 producers");
        Figures.Report(output, nameof(ConcurrentProducersTests),
            $"{Producers} producers ({cancelled.Count} cancelled mid-flight), {ledger.Count} records acknowledged, 0 lost, no batch interleaved");
    }
}
