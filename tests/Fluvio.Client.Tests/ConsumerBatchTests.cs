using System.Text;
using Fluvio.Client.Tests.Fakes;

namespace Fluvio.Client.Tests;

/// <summary>ConsumeBatchesAsync: what ConsumeAsync reads, a broker response at a time.</summary>
public sealed class ConsumerBatchTests : FakeBrokerTest
{
    private async Task FillAsync(string topic, int partitions, int perPartition, int perBatch)
    {
        _broker.State.AddTopic(topic, partitions);
        await using var producer = await _client.CreateProducerAsync(topic, new ProducerOptions { Linger = TimeSpan.FromMinutes(1) });
        for (int i = 0; i < perPartition; i++)
        {
            for (int p = 0; p < partitions; p++)
            {
                producer.Send(i % 3 == 0 ? null : Encoding.UTF8.GetBytes($"k{p}"), Encoding.UTF8.GetBytes($"{p}:{i}"), p);
            }
            if ((i + 1) % perBatch == 0)
            {
                await producer.FlushAsync();
            }
        }
    }

    private static (string Topic, int Partition, long Offset, long Timestamp, bool HasKey, string Key, string Value) Row(string topic, int partition, long offset, long timestamp, bool hasKey, ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value) =>
        (topic, partition, offset, timestamp, hasKey, Encoding.UTF8.GetString(key.Span), Encoding.UTF8.GetString(value.Span));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Batches_hold_exactly_the_records_ConsumeAsync_yields_in_the_same_order(int partitions)
    {
        await FillAsync("t", partitions, perPartition: 25, perBatch: 4);
        var options = new ConsumerOptions { Start = ConsumerStart.AtOffset(5), EndOffset = 21, Partitions = Enumerable.Range(0, partitions).ToArray() };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var one = new List<(string, int, long, long, bool, string, string)>();
        await foreach (var r in _client.ConsumeAsync("t", options, timeout.Token))
        {
            one.Add(Row(r.Topic, r.Partition, r.Offset, r.TimestampMs, r.HasKey, r.Key, r.Value));
        }
        var batched = new List<(string, int, long, long, bool, string, string)>();
        int batchCount = 0;
        await foreach (var batch in _client.ConsumeBatchesAsync("t", options, timeout.Token))
        {
            Assert.NotEmpty(batch.Records);
            batchCount++;
            batched.AddRange(batch.Records.Select(r => Row(batch.Topic, batch.Partition, r.Offset, r.Timestamp, r.HasKey, r.Key, r.Value)));
        }

        Assert.Equal(17 * partitions, one.Count);
        Assert.Equal(one.OrderBy(r => r.Item2).ThenBy(r => r.Item3), batched.OrderBy(r => r.Item2).ThenBy(r => r.Item3));
        foreach (var partition in batched.GroupBy(r => r.Item2))
        {
            Assert.Equal(Enumerable.Range(5, 17).Select(i => (long)i), partition.Select(r => r.Item3));
        }
        Assert.InRange(batchCount, partitions, batched.Count);
    }

    [Fact]
    public async Task Errors_surface_as_ConsumeAsync_raises_them()
    {
        var missing = await Assert.ThrowsAsync<FluvioException>(async () =>
        {
            await foreach (var _ in _client.ConsumeBatchesAsync("nope", new ConsumerOptions { Partitions = [0] }))
            {
            }
        });
        var viaRecords = await Assert.ThrowsAsync<FluvioException>(async () =>
        {
            await foreach (var _ in _client.ConsumeAsync("nope", new ConsumerOptions { Partitions = [0] }))
            {
            }
        });
        Assert.Equal(viaRecords.Code, missing.Code);
    }
}
