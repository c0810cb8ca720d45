using System.Text;

namespace Fluvio.Storage.Tests;

/// <summary>One small file per consumer and topic: a commit's cost, limits, ids that are never paths, the old file's migration.</summary>
public class ConsumerOffsetFileTests
{
    [Fact]
    public async Task A_commit_rewrites_only_its_own_consumers_small_file()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("a"));
        var offsets = store.ConsumerOffsets;
        for (int c = 0; c < 200; c++)
        {
            offsets.Commit($"other-{c}", "a", 0, c);
        }
        string folder = Path.Combine(dir.Path, "consumer-offsets", "a");
        var before = Directory.GetFiles(folder).ToDictionary(f => f, File.ReadAllBytes);

        offsets.Commit("me", "a", 0, 1);
        offsets.Commit("me", "a", 0, 2);

        var after = Directory.GetFiles(folder);
        Assert.Equal(201, after.Length);
        string mine = Assert.Single(after, f => !before.ContainsKey(f));
        Assert.True(new FileInfo(mine).Length < 512, $"{new FileInfo(mine).Length} bytes");
        Assert.All(before, file => Assert.Equal(file.Value, File.ReadAllBytes(file.Key)));
        Assert.False(File.Exists(Path.Combine(dir.Path, "consumer-offsets.json")));
    }

    [Theory]
    [InlineData("../../escape")]
    [InlineData("/etc/passwd")]
    [InlineData("a/b\\c:d")]
    [InlineData("..")]
    public async Task Consumer_ids_never_become_paths(string consumer)
    {
        using var dir = new TempDirectory();
        await using (var store = LogStore.Open(dir.Path, Batches.Options()))
        {
            store.CreateTopic(Batches.Topic("a"));
            store.ConsumerOffsets.Commit(consumer, "a", 0, 5);
        }

        string file = Assert.Single(Directory.GetFiles(Path.Combine(dir.Path, "consumer-offsets", "a")));
        Assert.Matches("^[0-9a-f]{64}\\.json$", Path.GetFileName(file));
        Assert.Equal(["clean-shutdown", "lock"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        await using var reopened = LogStore.Open(dir.Path, Batches.Options());
        Assert.Equal(5, reopened.ConsumerOffsets.Get(consumer, "a", 0).Offset);
    }

    [Fact]
    public async Task A_consumer_id_over_the_limit_is_refused_with_a_short_message_naming_it()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("a"));
        var offsets = store.ConsumerOffsets;

        offsets.Commit(new string('x', 1024), "a", 0, 1);
        offsets.Commit(new string('é', 512), "a", 0, 1); // 1,024 bytes in UTF-8
        foreach (string tooLong in new[] { new string('x', 1025), new string('é', 513), new string('x', 20 << 20) })
        {
            var refused = Assert.Throws<StorageException>(() => offsets.Commit(tooLong, "a", 0, 1));
            Assert.Equal(FluvioErrorCode.InvalidArgument, refused.Error);
            Assert.Contains("consumer id", refused.Message);
            Assert.True(refused.Message.Length < 200, refused.Message);
        }
        Assert.Equal(2, offsets.List(null, "a").Count);
    }

    [Fact]
    public async Task Consumers_per_topic_are_limited_and_a_freed_place_can_be_taken()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options() with { MaxConsumersPerTopic = 3 });
        store.CreateTopic(Batches.Topic("a", partitions: 2));
        store.CreateTopic(Batches.Topic("b"));
        var offsets = store.ConsumerOffsets;
        for (int c = 0; c < 3; c++)
        {
            offsets.Commit($"c{c}", "a", 0, c);
        }

        var refused = Assert.Throws<StorageException>(() => offsets.Commit("c3", "a", 0, 1));
        Assert.Equal(FluvioErrorCode.InvalidArgument, refused.Error);
        Assert.Contains("consumers per topic", refused.Message);
        offsets.Commit("c0", "a", 1, 9); // a consumer already there keeps committing
        offsets.Commit("c3", "b", 0, 1); // the limit is per topic
        offsets.Delete("c1", "a");
        offsets.Commit("c3", "a", 0, 1);
        Assert.Equal(["c0", "c0", "c2", "c3"], offsets.List(null, "a").Select(o => o.Consumer));
    }

    [Fact]
    public async Task Offsets_in_the_old_single_file_are_migrated_on_open()
    {
        using var dir = new TempDirectory();
        await using (var first = LogStore.Open(dir.Path, Batches.Options()))
        {
            first.CreateTopic(Batches.Topic("a", partitions: 2));
        }
        // The format earlier versions wrote: every consumer's offsets in one JSON array.
        File.WriteAllText(Path.Combine(dir.Path, "consumer-offsets.json"), """
            [
              { "consumer": "c1", "topic": "a", "partition": 0, "offset": 10, "modified": "2026-01-02T03:04:05+00:00" },
              { "consumer": "c1", "topic": "a", "partition": 1, "offset": 11, "modified": "2026-01-02T03:04:05+00:00" },
              { "consumer": "c/2", "topic": "a", "partition": 0, "offset": 20, "modified": "2026-01-02T03:04:05+00:00" }
            ]
            """, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        var log = new List<string>();

        await using (var store = LogStore.Open(dir.Path, Batches.Options(log)))
        {
            Assert.Equal([("c/2", 0, 20L), ("c1", 0, 10L), ("c1", 1, 11L)], store.ConsumerOffsets.List(null, "a").Select(o => (o.Consumer, o.Partition, o.Offset)));
            Assert.False(File.Exists(Path.Combine(dir.Path, "consumer-offsets.json")));
            Assert.Contains(log, line => line.StartsWith("Migrated 3 consumer offsets", StringComparison.Ordinal));
            store.ConsumerOffsets.Commit("c1", "a", 0, 12);
            store.Abandon();
        }

        await using var reopened = LogStore.Open(dir.Path, Batches.Options());
        Assert.Equal([12L, 11L, 20L], new[] { ("c1", 0), ("c1", 1), ("c/2", 0) }.Select(k => reopened.ConsumerOffsets.Get(k.Item1, "a", k.Item2).Offset));
    }
}
