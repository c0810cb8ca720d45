using Fluvio.Client;

namespace Fluvio.Broker.Tests;

/// <summary>
/// ConsumerStart.AtTime through both doors of a real broker: the start is found by a binary
/// search of one-shot reads (counted), not by reading the partition from the start, and the
/// search leaves no stream open; isolation and max bytes reach the read and are honoured.
/// </summary>
[Collection(nameof(SinceTests))]
public sealed class SinceTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A new topic whose partition p holds batches of 5 records, record i stamped Origin + i seconds + p minutes.</summary>
    private async Task<string> FillAsync(int batches, int partitions = 1)
    {
        string topic = Records.NewTopicName("since");
        await broker.Client.CreateTopicAsync(new TopicSpec(topic) { Partitions = partitions });
        await using var producer = await broker.Client.CreateProducerAsync(topic, new ProducerOptions { Linger = TimeSpan.FromMinutes(1) });
        for (int i = 0; i < batches * 5; i++)
        {
            for (int p = 0; p < partitions; p++)
            {
                producer.SendStamped(Records.Utf8($"k{i}"), true, Records.Utf8($"v{i}"), p, Origin.AddSeconds(i).AddMinutes(p).ToUnixTimeMilliseconds());
            }
            if (i % 5 == 4)
            {
                await producer.FlushAsync();
            }
        }
        return topic;
    }

    public static TheoryData<string> Doors => ["grpc", "native"];

    private async Task<FluvioClient> ClientAsync(string door) =>
        door == "grpc" ? broker.Client : await FluvioClient.ConnectAsync(new Uri($"fluvio://{broker.Process.ScAddress}"));

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task Since_starts_at_the_first_record_at_or_after_the_time_in_O_log_n_probes(string door)
    {
        string topic = await FillAsync(batches: 400);
        var client = await ClientAsync(door);
        long before = TimeSearch.Probes;
        // Inside batch 300 (offsets 1500..1504): its first three records are earlier.
        var records = await Records.ReadAllAsync(client, topic, new ConsumerOptions { Start = ConsumerStart.AtTime(Origin.AddSeconds(1502.5)) });
        long probes = TimeSearch.Probes - before;

        Assert.Equal(1503L, records[0].Offset);
        Assert.Equal(2000 - 1503, records.Count);
        Assert.Equal(Origin.AddSeconds(1503), records[0].Timestamp);
        // 2,000 offsets in 400 batches: log2 is 11; reading from the start would be 400 batches.
        Assert.InRange(probes, 1, 2 * 11 + 2);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task Each_partition_starts_at_its_own_first_record_at_or_after_the_time(string door)
    {
        // Partition 1's records are stamped a minute later than partition 0's of the same offset.
        string topic = await FillAsync(batches: 40, partitions: 2);
        var client = await ClientAsync(door);
        var records = await Records.ReadAllAsync(client, topic, new ConsumerOptions { Start = ConsumerStart.AtTime(Origin.AddSeconds(100)) });

        Assert.Equal(100L, records.Where(r => r.Partition == 0).Min(r => r.Offset));
        Assert.Equal(40L, records.Where(r => r.Partition == 1).Min(r => r.Offset));
        Assert.Equal(100 + 160, records.Count);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task Since_before_the_first_record_reads_everything_and_after_the_last_reads_nothing_or_waits(string door)
    {
        string topic = await FillAsync(batches: 10);
        var client = await ClientAsync(door);
        Assert.Equal(50, (await Records.ReadAllAsync(client, topic, new ConsumerOptions { Start = ConsumerStart.AtTime(Origin.AddDays(-1)) })).Count);
        Assert.Empty(await Records.ReadAllAsync(client, topic, new ConsumerOptions { Start = ConsumerStart.AtTime(Origin.AddDays(1)) }));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var later = client.ConsumeAsync(topic, new ConsumerOptions { Start = ConsumerStart.AtTime(Origin.AddDays(1)), Continuous = true }, timeout.Token).GetAsyncEnumerator(timeout.Token);
        var next = later.MoveNextAsync().AsTask();
        await Task.Delay(300);
        Assert.False(next.IsCompleted);
        await using (var producer = await client.CreateProducerAsync(topic))
        {
            producer.Send(null, Records.Utf8("new"), 0);
        }
        Assert.True(await next);
        Assert.Equal("new", Records.Text(later.Current.Value));
        Assert.Equal(50L, later.Current.Offset);
        await later.DisposeAsync();
    }

    [Fact]
    public async Task Searches_on_one_native_connection_leave_no_stream_open()
    {
        // Each search makes ~12 probes. Were a probe a StreamFetch left open, the SPU's cap of
        // 1,024 streams per connection would refuse the connection long before the last search.
        string topic = await FillAsync(batches: 400);
        await using var client = await FluvioClient.ConnectAsync(new Uri($"fluvio://{broker.Process.ScAddress}"));
        long before = TimeSearch.Probes;
        for (int i = 0; i < 150; i++)
        {
            var options = new ConsumerOptions { Start = ConsumerStart.AtTime(Origin.AddSeconds(13 * i)), EndOffset = 13 * i };
            var records = await Records.ReadAllAsync(client, topic, options);
            Assert.Equal(13L * i, Assert.Single(records).Offset);
        }
        Assert.True(TimeSearch.Probes - before > 1024, $"only {TimeSearch.Probes - before} probes were made");
    }

    [Theory]
    [InlineData("grpc", ReadIsolation.ReadCommitted)]
    [InlineData("grpc", ReadIsolation.ReadUncommitted)]
    [InlineData("native", ReadIsolation.ReadCommitted)]
    [InlineData("native", ReadIsolation.ReadUncommitted)]
    public async Task Both_isolations_read_every_acknowledged_record_with_one_batch_per_answer_at_max_bytes_1(string door, ReadIsolation isolation)
    {
        string topic = await FillAsync(batches: 6);
        var client = await ClientAsync(door);
        var records = await Records.ReadAllAsync(client, topic, new ConsumerOptions { Isolation = isolation, MaxBytes = 1, Start = ConsumerStart.AtTime(Origin.AddSeconds(3)) });
        Assert.Equal(Enumerable.Range(3, 27).Select(i => (long)i), records.Select(r => r.Offset));
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task Since_on_an_unknown_topic_is_TopicNotFound(string door)
    {
        var client = await ClientAsync(door);
        var e = await Assert.ThrowsAsync<FluvioException>(() => Records.ReadAllAsync(client, "no-such-topic", new ConsumerOptions { Start = ConsumerStart.AtTime(Origin) }));
        Assert.Equal(FluvioErrorCode.TopicNotFound, e.Code);
    }

    [Fact]
    public void The_isolation_is_the_StreamFetch_and_Fetch_u8_of_the_wire_protocol()
    {
        // Wire protocol §5.1: Isolation = u8, 0 ReadUncommitted, 1 ReadCommitted.
        Assert.Equal(0, (byte)NativeFetch.ToWire(ReadIsolation.ReadUncommitted));
        Assert.Equal(1, (byte)NativeFetch.ToWire(ReadIsolation.ReadCommitted));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(ConsumerOptions.MaxMaxBytes + 1)]
    public async Task Max_bytes_out_of_range_is_InvalidArgument(int maxBytes)
    {
        var e = await Assert.ThrowsAsync<FluvioException>(() => Records.ReadAllAsync(broker.Client, "any", new ConsumerOptions { MaxBytes = maxBytes }));
        Assert.Equal(FluvioErrorCode.InvalidArgument, e.Code);
        Assert.Contains("MaxBytes", e.Message);
    }
}
