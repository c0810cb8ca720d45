using Fluvio.Client;

namespace Fluvio.Broker.Tests;

/// <summary>
/// ConsumerStart.AtTime through both doors of a real broker: the start is found by a binary
/// search of bounded reads (counted), not by reading the partition from the start; isolation and
/// max bytes reach the native StreamFetch and are honoured.
/// </summary>
[Collection(nameof(SinceTests))]
public sealed class SinceTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Batches of 5 records, record i stamped Origin + i seconds.</summary>
    private async Task<string> FillAsync(int batches)
    {
        string topic = Records.NewTopicName("since");
        await broker.Client.CreateTopicAsync(new TopicSpec(topic));
        await using var producer = await broker.Client.CreateProducerAsync(topic, new ProducerOptions { Linger = TimeSpan.FromMinutes(1) });
        for (int i = 0; i < batches * 5; i++)
        {
            producer.SendStamped(Records.Utf8($"k{i}"), true, Records.Utf8($"v{i}"), 0, Origin.AddSeconds(i).ToUnixTimeMilliseconds());
            if (i % 5 == 4)
            {
                await producer.FlushAsync();
            }
        }
        return topic;
    }

    private async Task<FluvioClient[]> BothDoorsAsync() =>
        [broker.Client, await FluvioClient.ConnectAsync(new Uri($"fluvio://{broker.Process.ScAddress}"))];

    [Fact]
    public async Task Since_starts_at_the_first_record_at_or_after_the_time_in_O_log_n_probes_through_both_doors()
    {
        string topic = await FillAsync(batches: 400);
        foreach (var client in await BothDoorsAsync())
        {
            long before = TimeSearch.Probes;
            // Inside batch 300 (offsets 1500..1504): its first two records are earlier.
            var records = await Records.ReadAllAsync(client, topic, new ConsumerOptions { Start = ConsumerStart.AtTime(Origin.AddSeconds(1502.5)) });
            long probes = TimeSearch.Probes - before;

            Assert.Equal(1503L, records[0].Offset);
            Assert.Equal(2000 - 1503, records.Count);
            Assert.Equal(Origin.AddSeconds(1503), records[0].Timestamp);
            // 2,000 offsets in 400 batches: log2 is 11; reading from the start would be 400 batches.
            Assert.InRange(probes, 1, 2 * 11 + 2);
        }
    }

    [Fact]
    public async Task Since_before_the_first_record_reads_everything_and_after_the_last_reads_nothing_or_waits()
    {
        string topic = await FillAsync(batches: 10);
        foreach (var client in await BothDoorsAsync())
        {
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
            await later.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(ReadIsolation.ReadCommitted)]
    [InlineData(ReadIsolation.ReadUncommitted)]
    public async Task Both_isolations_read_every_acknowledged_record_with_one_batch_per_answer_at_max_bytes_1(ReadIsolation isolation)
    {
        string topic = await FillAsync(batches: 6);
        foreach (var client in await BothDoorsAsync())
        {
            var records = await Records.ReadAllAsync(client, topic, new ConsumerOptions { Isolation = isolation, MaxBytes = 1 });
            Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), records.Select(r => r.Offset));
        }
    }

    [Fact]
    public void The_isolation_maps_to_the_StreamFetch_u8()
    {
        Assert.Equal(Fluvio.Protocol.Native.Isolation.ReadCommitted, NativeConsumeStream.ToWire(ReadIsolation.ReadCommitted));
        Assert.Equal(Fluvio.Protocol.Native.Isolation.ReadUncommitted, NativeConsumeStream.ToWire(ReadIsolation.ReadUncommitted));
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
