using Fluvio.Client;

namespace Fluvio.Broker.Tests;

/// <summary>Consumers at the end of a partition, snapshots, named consumer offsets.</summary>
public sealed class StreamingTests
{
    [Fact]
    public async Task AContinuousConsumerGetsANewRecordAsSoonAsItIsAppended()
    {
        await using var broker = await BrokerProcess.StartAsync();
        await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
        await client.CreateTopicAsync(new TopicSpec("live"));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // From offset 0 of the empty topic, not from the end: the record is then the stream's
        // first whichever comes first, the stream or the append, and no sleep has to order them.
        await using var records = client.ConsumeAsync("live", new ConsumerOptions { Start = ConsumerStart.AtOffset(0), Continuous = true }, stop.Token).GetAsyncEnumerator(stop.Token);
        var next = records.MoveNextAsync().AsTask();
        Assert.False(next.IsCompleted);

        await using var producer = await client.CreateProducerAsync("live", new ProducerOptions { Linger = TimeSpan.Zero });
        var sent = producer.Send(Records.Utf8("k"), Records.Utf8("hello"));
        await producer.FlushAsync();
        Assert.True(await next);
        Assert.Equal("hello", Records.Text(records.Current.Value));
        Assert.Equal(sent.Result.Offset, records.Current.Offset);
    }

    [Fact]
    public async Task AReadStopsAtTheEndSeenWhenItBeganAndHonoursStartAndEnd()
    {
        await using var broker = await BrokerProcess.StartAsync();
        await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
        await client.CreateTopicAsync(new TopicSpec("snap"));
        await using var producer = await client.CreateProducerAsync("snap");
        for (int i = 0; i < 10; i++)
        {
            producer.SendKeyless(Records.Utf8($"v{i}"));
        }
        await producer.FlushAsync();

        Assert.Equal(10, (await Records.ReadAllAsync(client, "snap")).Count);
        Assert.Equal(["v7", "v8", "v9"], (await Records.ReadAllAsync(client, "snap", new ConsumerOptions { Start = ConsumerStart.FromEnd(3) })).Select(r => Records.Text(r.Value)));
        Assert.Equal([4L, 5L, 6L], (await Records.ReadAllAsync(client, "snap", new ConsumerOptions { Start = ConsumerStart.AtOffset(4), EndOffset = 6 })).Select(r => r.Offset));
        var e = await Assert.ThrowsAsync<FluvioException>(() => Records.ReadAllAsync(client, "snap", new ConsumerOptions { Start = ConsumerStart.AtOffset(11) }));
        Assert.Equal(FluvioErrorCode.OffsetOutOfRange, e.Code);
    }

    [Fact]
    public async Task ANamedConsumerResumesAfterItsCommittedOffset()
    {
        await using var broker = await BrokerProcess.StartAsync();
        await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
        await client.CreateTopicAsync(new TopicSpec("resume"));
        await using var producer = await client.CreateProducerAsync("resume");
        for (int i = 0; i < 5; i++)
        {
            producer.SendKeyless(Records.Utf8($"v{i}"));
        }
        await producer.FlushAsync();

        await client.CommitOffsetAsync("reader", "resume", 0, 2);
        var resumed = await Records.ReadAllAsync(client, "resume", new ConsumerOptions { Consumer = "reader" });
        Assert.Equal([3L, 4L], resumed.Select(r => r.Offset));
        var listed = Assert.Single(await client.ListOffsetsAsync("reader"));
        Assert.Equal(("reader", "resume", 0, 2L), (listed.Consumer, listed.Topic, listed.Partition, listed.Offset));
        Assert.Single(await client.DeleteOffsetsAsync("reader"));
        Assert.Null(await client.GetOffsetAsync("reader", "resume", 0));
    }
}
