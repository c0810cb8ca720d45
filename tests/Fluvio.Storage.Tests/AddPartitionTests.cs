namespace Fluvio.Storage.Tests;

/// <summary>LogStore.AddPartitions: new empty partitions after the old ones, committed by topic.json, within the limits.</summary>
public class AddPartitionTests
{
    [Fact]
    public async Task Added_partitions_are_empty_logs_after_the_existing_ones_and_topic_json_declares_them()
    {
        using var dir = new TempDirectory();
        await using (var store = LogStore.Open(dir.Path, Batches.Options()))
        {
            store.CreateTopic(Batches.Topic("t"));
            await store.GetPartition("t", 0).AppendAsync(Batches.Make(2, "old"));

            var grown = store.AddPartitions("t", 2, maxPartitionsPerTopic: 10);

            Assert.Equal(3, grown.Partitions);
            Assert.Equal(grown, store.GetTopic("t"));
            Assert.Equal([2L, 0L, 0L], Enumerable.Range(0, 3).Select(p => store.GetPartition("t", p).EndOffset));
            long[] offsets = await store.GetPartition("t", 2).AppendAsync(Batches.Make(1, "new"));
            Assert.Equal([0L], offsets);
            Assert.Contains("\"partitions\": 3", File.ReadAllText(Path.Combine(dir.Path, "topics", "t", "topic.json")));
            store.Abandon(); // a crash right after: the add was already durable
        }
        await using var reopened = LogStore.Open(dir.Path, Batches.Options());
        Assert.Equal(3, reopened.GetTopic("t").Partitions);
        Assert.Equal([(0L, "new-0")], Batches.ReadAll(reopened.GetPartition("t", 2)));
    }

    [Fact]
    public async Task Counts_past_either_limit_are_refused_naming_count_and_change_nothing()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options() with { MaxPartitions = 5 });
        store.CreateTopic(Batches.Topic("t", partitions: 2));

        var perTopic = Assert.Throws<StorageException>(() => store.AddPartitions("t", 2, maxPartitionsPerTopic: 3));
        Assert.Equal((FluvioErrorCode.InvalidArgument, "count: topic 't' has 2 partitions, so 2 more would pass the 3 a topic may have (--max-partitions-per-topic)."), (perTopic.Error, perTopic.Message));
        var broker = Assert.Throws<StorageException>(() => store.AddPartitions("t", 4, maxPartitionsPerTopic: 100));
        Assert.Equal((FluvioErrorCode.InvalidArgument, "count: the broker holds 2 of its 5 partitions, so 4 more do not fit (--max-partitions raises the limit)."), (broker.Error, broker.Message));
        Assert.Equal(FluvioErrorCode.InvalidArgument, Assert.Throws<StorageException>(() => store.AddPartitions("t", 0, 100)).Error);
        Assert.Equal(FluvioErrorCode.TopicNotFound, Assert.Throws<StorageException>(() => store.AddPartitions("nope", 1, 100)).Error);

        Assert.Equal(2, store.GetTopic("t").Partitions);
        Assert.Equal(2, Directory.EnumerateDirectories(Path.Combine(dir.Path, "topics", "t")).Count());
        Assert.Equal(5, store.AddPartitions("t", 3, 100).Partitions);
    }
}
