namespace Fluvio.Storage.Tests;

public class ConsumerOffsetTests
{
    [Fact]
    public async Task Commit_get_list_and_delete()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("a", partitions: 2));
        store.CreateTopic(Batches.Topic("b"));
        var offsets = store.ConsumerOffsets;

        var committed = offsets.Commit("c1", "a", 0, 10);
        offsets.Commit("c1", "a", 1, 11);
        offsets.Commit("c1", "b", 0, 12);
        offsets.Commit("c2", "a", 0, 20);
        offsets.Commit("c1", "a", 0, 15);

        Assert.Equal(("c1", "a", 0, 10L), (committed.Consumer, committed.Topic, committed.Partition, committed.Offset));
        Assert.True(offsets.TryGet("c1", "a", 0, out var current));
        Assert.Equal(15, current.Offset);
        Assert.False(offsets.TryGet("c3", "a", 0, out _));
        Assert.Equal(FluvioErrorCode.ConsumerOffsetNotFound, Assert.Throws<StorageException>(() => offsets.Get("c3", "a", 0)).Error);
        Assert.Equal(4, offsets.List(null, null).Count);
        Assert.Equal([("a", 0), ("a", 1), ("b", 0)], offsets.List("c1", null).Select(o => (o.Topic, o.Partition)));
        Assert.Equal(["c1", "c1", "c2"], offsets.List(null, "a").Select(o => o.Consumer));

        var deleted = offsets.Delete("c1", "a", 1);
        Assert.Equal(11, Assert.Single(deleted).Offset);
        Assert.Equal(2, offsets.Delete("c1", null, null).Count);
        Assert.Empty(offsets.Delete("c1", null, null));
        Assert.Equal("c2", Assert.Single(offsets.List(null, null)).Consumer);
    }

    [Fact]
    public async Task Commits_are_checked()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("a"));
        var offsets = store.ConsumerOffsets;

        Assert.Equal(FluvioErrorCode.TopicNotFound, Assert.Throws<StorageException>(() => offsets.Commit("c", "missing", 0, 1)).Error);
        Assert.Equal(FluvioErrorCode.PartitionNotFound, Assert.Throws<StorageException>(() => offsets.Commit("c", "a", 1, 1)).Error);
        Assert.Equal(FluvioErrorCode.InvalidArgument, Assert.Throws<StorageException>(() => offsets.Commit("c", "a", 0, -1)).Error);
        Assert.Equal(FluvioErrorCode.InvalidArgument, Assert.Throws<StorageException>(() => offsets.Commit("", "a", 0, 1)).Error);
        Assert.Empty(offsets.List(null, null));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Offsets_persist_across_a_reopen(bool clean)
    {
        using var dir = new TempDirectory();
        var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("a", partitions: 2));
        var committed = store.ConsumerOffsets.Commit("c1", "a", 1, 42);
        store.ConsumerOffsets.Commit("c2", "a", 0, 7);
        store.ConsumerOffsets.Delete("c2", null, null);
        if (clean)
        {
            await store.DisposeAsync();
        }
        else
        {
            store.Abandon();
        }

        await using var reopened = LogStore.Open(dir.Path, Batches.Options());

        Assert.Equal([committed], reopened.ConsumerOffsets.List(null, null));
    }

    [Fact]
    public async Task Deleting_a_topic_deletes_its_offsets()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("a"));
        store.CreateTopic(Batches.Topic("b"));
        store.ConsumerOffsets.Commit("c", "a", 0, 1);
        store.ConsumerOffsets.Commit("c", "b", 0, 2);

        store.DeleteTopic("a");
        store.CreateTopic(Batches.Topic("a"));

        Assert.Equal("b", Assert.Single(store.ConsumerOffsets.List("c", null)).Topic);
    }
}
