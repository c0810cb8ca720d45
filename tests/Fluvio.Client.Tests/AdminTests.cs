using Fluvio.Client.Tests.Fakes;

namespace Fluvio.Client.Tests;

public sealed class AdminTests : FakeBrokerTest
{
    [Fact]
    public async Task Creates_lists_describes_and_deletes_topics()
    {
        var created = await _client.CreateTopicAsync(new TopicSpec("orders") { Partitions = 3, Compression = TopicCompression.Gzip });
        Assert.Equal(new TopicInfo("orders", 3, 1, TimeSpan.FromDays(7), 1 << 30, 100L << 30, TopicCompression.Gzip,
            DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000)), created);
        Assert.Equal(["orders"], (await _client.ListTopicsAsync()).Select(t => t.Name));
        Assert.Equal(3, (await _client.DescribeTopicAsync("orders")).Partitions);
        Assert.Equal([0, 1, 2], (await _client.ListPartitionsAsync("orders")).Select(p => p.Partition));

        await _client.DeleteTopicAsync("orders");
        Assert.Empty(await _client.ListTopicsAsync());
    }

    [Fact]
    public async Task Broker_reasons_arrive_as_codes_with_the_brokers_message()
    {
        await _client.CreateTopicAsync(new TopicSpec("orders"));
        var exists = await Assert.ThrowsAsync<FluvioException>(() => _client.CreateTopicAsync(new TopicSpec("orders")));
        Assert.Equal(FluvioErrorCode.TopicExists, exists.Code);
        Assert.Equal("Topic 'orders' already exists.", exists.Message);

        var missing = await Assert.ThrowsAsync<FluvioException>(() => _client.DescribeTopicAsync("nope"));
        Assert.Equal(FluvioErrorCode.TopicNotFound, missing.Code);
        Assert.Equal("Topic 'nope' not found.", missing.Message);

        var partition = await Assert.ThrowsAsync<FluvioException>(() => _client.FetchOffsetsAsync("orders", 4));
        Assert.Equal(FluvioErrorCode.PartitionNotFound, partition.Code);
    }

    [Fact]
    public async Task A_blank_topic_name_is_refused_before_any_call()
    {
        var e = await Assert.ThrowsAsync<FluvioException>(() => _client.CreateTopicAsync(new TopicSpec(" ")));
        Assert.Equal(FluvioErrorCode.InvalidTopicName, e.Code);
        Assert.Equal("Topic name is required.", e.Message);
    }

    [Fact]
    public async Task Named_consumer_offsets_round_trip()
    {
        await _client.CreateTopicAsync(new TopicSpec("orders") { Partitions = 2 });
        Assert.Null(await _client.GetOffsetAsync("c1", "orders", 0));

        var committed = await _client.CommitOffsetAsync("c1", "orders", 1, 41);
        Assert.Equal(("c1", "orders", 1, 41L), (committed.Consumer, committed.Topic, committed.Partition, committed.Offset));
        await _client.CommitOffsetAsync("c2", "orders", 0, 3);
        Assert.Equal(41, (await _client.GetOffsetAsync("c1", "orders", 1))!.Offset);
        Assert.Equal(2, (await _client.ListOffsetsAsync()).Count);
        Assert.Equal(["c2"], (await _client.ListOffsetsAsync(consumer: "c2")).Select(o => o.Consumer));

        var deleted = await _client.DeleteOffsetsAsync("c1", "orders", 1);
        Assert.Equal(41, deleted.Single().Offset);
        Assert.Empty(await _client.DeleteOffsetsAsync("c1"));
    }

    [Fact]
    public async Task FetchOffsets_reports_the_partition_end()
    {
        _broker.State.AddTopic("t", 1);
        await using (var producer = await _client.CreateProducerAsync("t"))
        {
            producer.SendKeyless("a"u8);
            producer.SendKeyless("b"u8);
        }
        Assert.Equal(new PartitionOffsets(0, 2), await _client.FetchOffsetsAsync("t", 0));
    }
}
