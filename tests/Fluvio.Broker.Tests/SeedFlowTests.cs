using Fluvio.Client;

namespace Fluvio.Broker.Tests;

/// <summary>The seed records through the real broker process: keys to partitions, order, restart.</summary>
public sealed class SeedFlowTests
{
    private static readonly (string Key, string Value)[] Seed =
        [("alice", "Deposit 100.00"), ("bob", "Withdraw 50.00"), ("bob", "Withdraw 25.00")];

    [Fact]
    public async Task SeedRecordsLandOnTheOfficialPartitionsAndSurviveARestart()
    {
        await using var broker = await BrokerProcess.StartAsync();
        await using (var client = await FluvioClient.ConnectAsync(broker.Endpoint))
        {
            await client.CreateTopicAsync(new TopicSpec("seed") { Partitions = 3 });
            await using var producer = await client.CreateProducerAsync("seed");
            var futures = Seed.Select(r => producer.Send(Records.Utf8(r.Key), Records.Utf8(r.Value))).ToList();
            await producer.FlushAsync();
            var landed = futures.Select(f => f.Result).ToList();
            // partition-siphash.tsv: alice/3 → 2, bob/3 → 1.
            Assert.Equal([new RecordMetadata(2, 0), new RecordMetadata(1, 0), new RecordMetadata(1, 1)], landed);
            AssertSeed(await Records.ReadAllAsync(client, "seed"));
        }

        Assert.Equal(0, await broker.StopAsync());
        await using var restarted = await BrokerProcess.StartAsync(broker.DataDirectory);
        await using var again = await FluvioClient.ConnectAsync(restarted.Endpoint);
        AssertSeed(await Records.ReadAllAsync(again, "seed"));
        var partitions = await again.ListPartitionsAsync("seed");
        Assert.Equal([0L, 2L, 1L], partitions.OrderBy(p => p.Partition).Select(p => p.EndOffset));
    }

    private static void AssertSeed(List<ConsumerRecord> records)
    {
        Assert.Equal(3, records.Count);
        var alice = Assert.Single(records, r => Records.Text(r.Key) == "alice");
        Assert.Equal((2, 0L, "Deposit 100.00"), (alice.Partition, alice.Offset, Records.Text(alice.Value)));
        var bob = records.Where(r => Records.Text(r.Key) == "bob").ToList();
        Assert.Equal([(1, 0L, "Withdraw 50.00"), (1, 1L, "Withdraw 25.00")], bob.Select(r => (r.Partition, r.Offset, Records.Text(r.Value))));
        Assert.All(records, r => Assert.True(r.Timestamp > DateTimeOffset.UtcNow.AddMinutes(-5)));
    }
}
