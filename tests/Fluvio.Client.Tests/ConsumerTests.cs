using System.Diagnostics;
using System.Text;
using Fluvio.Client.Tests.Fakes;

namespace Fluvio.Client.Tests;

/// <summary>The consumer against the in-process fake broker.</summary>
public sealed class ConsumerTests : FakeBrokerTest
{
    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    /// <summary>Fills <paramref name="topic"/>: in partition p, values "p:i", in batches of at most <paramref name="perBatch"/>.</summary>
    private async Task FillAsync(string topic, int partitions, int perPartition, int perBatch = 4)
    {
        _broker.State.AddTopic(topic, partitions);
        await using var producer = await _client.CreateProducerAsync(topic, new ProducerOptions { Linger = TimeSpan.FromMinutes(1) });
        for (int i = 0; i < perPartition; i++)
        {
            for (int p = 0; p < partitions; p++)
            {
                producer.Send(Encoding.UTF8.GetBytes($"k{p}"), Encoding.UTF8.GetBytes($"{p}:{i}"), p);
            }
            if ((i + 1) % perBatch == 0)
            {
                await producer.FlushAsync();
            }
        }
    }

    private async Task<List<ConsumerRecord>> ReadAllAsync(string topic, ConsumerOptions options)
    {
        var records = new List<ConsumerRecord>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var r in _client.ConsumeAsync(topic, options, timeout.Token))
        {
            records.Add(r);
        }
        return records;
    }

    [Fact]
    public async Task Reads_every_partition_merged_keeping_each_partitions_order()
    {
        await FillAsync("t", partitions: 3, perPartition: 10);
        var records = await ReadAllAsync("t", new ConsumerOptions());

        Assert.Equal(30, records.Count);
        foreach (var partition in records.GroupBy(r => r.Partition))
        {
            Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), partition.Select(r => r.Offset));
            Assert.Equal(Enumerable.Range(0, 10).Select(i => $"{partition.Key}:{i}"), partition.Select(r => Text(r.Value)));
            Assert.All(partition, r => Assert.Equal($"k{partition.Key}", Text(r.Key)));
        }
        Assert.All(records, r => Assert.True(r.HasKey && r.TimestampMs > 0 && r.Topic == "t"));
    }

    [Fact]
    public async Task Reads_only_the_partitions_asked_for()
    {
        await FillAsync("t", partitions: 3, perPartition: 2);
        var records = await ReadAllAsync("t", new ConsumerOptions { Partitions = [2, 0] });
        Assert.Equal([0, 2], records.Select(r => r.Partition).Distinct().Order());
    }

    [Fact]
    public async Task A_start_inside_a_batch_skips_the_records_before_it()
    {
        await FillAsync("t", partitions: 1, perPartition: 10, perBatch: 4);
        var records = await ReadAllAsync("t", new ConsumerOptions { Start = ConsumerStart.AtOffset(5) });
        Assert.Equal([5L, 6, 7, 8, 9], records.Select(r => r.Offset));
    }

    [Fact]
    public async Task FromEnd_reads_the_last_records()
    {
        await FillAsync("t", partitions: 1, perPartition: 10);
        var records = await ReadAllAsync("t", new ConsumerOptions { Start = ConsumerStart.FromEnd(3) });
        Assert.Equal([7L, 8, 9], records.Select(r => r.Offset));
    }

    [Fact]
    public async Task The_end_offset_is_inclusive_in_every_partition()
    {
        await FillAsync("t", partitions: 2, perPartition: 10);
        var records = await ReadAllAsync("t", new ConsumerOptions { Start = ConsumerStart.AtOffset(2), EndOffset = 4 });
        Assert.Equal([2L, 3, 4, 2, 3, 4], records.OrderBy(r => r.Partition).Select(r => r.Offset));
    }

    [Fact]
    public async Task End_on_a_finished_stream_reads_nothing_and_returns()
    {
        await FillAsync("t", partitions: 2, perPartition: 3);
        Assert.Empty(await ReadAllAsync("t", new ConsumerOptions { Start = ConsumerStart.End }));
    }

    [Fact]
    public async Task A_named_consumer_resumes_after_its_committed_offset()
    {
        await FillAsync("t", partitions: 1, perPartition: 6);
        await _client.CommitOffsetAsync("reader", "t", 0, 3);
        var records = await ReadAllAsync("t", new ConsumerOptions { Consumer = "reader" });
        Assert.Equal([4L, 5], records.Select(r => r.Offset));
        Assert.Equal("reader", _broker.State.ConsumeRequestsSeen.Last().Consumer);
    }

    [Fact]
    public async Task A_continuous_consumer_sees_new_records_and_cancelling_ends_it_promptly()
    {
        await FillAsync("t", partitions: 2, perPartition: 1);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<string>();
        var reading = Task.Run(async () =>
        {
            await foreach (var r in _client.ConsumeAsync("t", new ConsumerOptions { Continuous = true }, cts.Token))
            {
                lock (seen)
                {
                    seen.Add(Text(r.Value));
                }
            }
        });
        await using (var producer = await _client.CreateProducerAsync("t"))
        {
            producer.Send(null, "late"u8, 1);
        }
        await Bounded.Until(() => { lock (seen) { return seen.Contains("late"); } }, TimeSpan.FromSeconds(5), "the late record to reach the consumer");
        Assert.Contains("0:0", seen);

        var clock = Stopwatch.StartNew();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Leaving_the_loop_early_ends_every_stream()
    {
        await FillAsync("t", partitions: 3, perPartition: 5);
        await foreach (var _ in _client.ConsumeAsync("t", new ConsumerOptions { Continuous = true }))
        {
            break;
        }
        // Nothing is left running: the client disposes at once.
        await _client.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Broker_errors_surface_as_codes()
    {
        var missing = await Assert.ThrowsAsync<FluvioException>(() => ReadAllAsync("nope", new ConsumerOptions()));
        Assert.Equal(FluvioErrorCode.TopicNotFound, missing.Code);

        _broker.State.AddTopic("t", 2);
        var partition = await Assert.ThrowsAsync<FluvioException>(() => ReadAllAsync("t", new ConsumerOptions { Partitions = [0, 5] }));
        Assert.Equal(FluvioErrorCode.PartitionNotFound, partition.Code);
    }

    [Fact]
    public async Task An_unreachable_broker_is_ConnectionFailed()
    {
        await using var client = FluvioClient.Create(ConnectTests.ClosedPort());
        var e = await Assert.ThrowsAsync<FluvioException>(async () =>
        {
            await foreach (var _ in client.ConsumeAsync("t", new ConsumerOptions { Partitions = [0] }))
            {
            }
        });
        Assert.Equal(FluvioErrorCode.ConnectionFailed, e.Code);
    }
}
