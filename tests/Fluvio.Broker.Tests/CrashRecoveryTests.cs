using Fluvio.Client;

namespace Fluvio.Broker.Tests;

/// <summary>SIGKILL in the middle of a produce: every acknowledged record is there after restart.</summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task EveryAcknowledgedRecordSurvivesSigkillDuringProduce()
    {
        await using var broker = await BrokerProcess.StartAsync();
        var acknowledged = new List<(int Partition, long Offset, string Value)>();
        await using (var client = await FluvioClient.ConnectAsync(broker.Endpoint))
        {
            await client.CreateTopicAsync(new TopicSpec("crash") { Partitions = 2 });
            var producer = await client.CreateProducerAsync("crash", new ProducerOptions { Linger = TimeSpan.FromMilliseconds(1), Delivery = DeliverySemantic.AtMostOnce });
            var pending = new Queue<(ProduceFuture Future, string Value)>();
            for (int i = 0; ; i++)
            {
                string value = $"record-{i:D7}";
                pending.Enqueue((producer.Send(Records.Utf8($"key-{i % 17}"), Records.Utf8(value)), value));
                while (pending.Count > 0 && pending.Peek().Future.IsCompleted)
                {
                    var (future, v) = pending.Dequeue();
                    if (!future.IsFaulted)
                    {
                        acknowledged.Add((future.Result.Partition, future.Result.Offset, v));
                    }
                }
                if (acknowledged.Count >= 20_000)
                {
                    broker.Kill(); // records are still in flight at this moment
                    break;
                }
                if (i % 1000 == 0)
                {
                    await Task.Yield();
                }
            }
            await Task.WhenAny(producer.DisposeAsync().AsTask(), Task.Delay(TimeSpan.FromSeconds(5)));
        }

        await using var restarted = await BrokerProcess.StartAsync(broker.DataDirectory);
        await using var again = await FluvioClient.ConnectAsync(restarted.Endpoint);
        var stored = (await Records.ReadAllAsync(again, "crash"))
            .ToDictionary(r => (r.Partition, r.Offset), r => Records.Text(r.Value));
        Assert.All(acknowledged, a => Assert.Equal(a.Value, stored.GetValueOrDefault((a.Partition, a.Offset))));
        // Offsets stay dense per partition after recovery.
        foreach (var partition in stored.Keys.GroupBy(k => k.Partition))
        {
            var offsets = partition.Select(k => k.Offset).Order().ToList();
            Assert.Equal(Enumerable.Range(0, offsets.Count).Select(i => (long)i), offsets);
        }
    }
}
