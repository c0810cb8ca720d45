using System.Text.RegularExpressions;

namespace Fluvio.Storage.Tests;

public class TopicTests
{
    [Fact]
    public async Task Create_list_get_and_delete_topics_with_their_files()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());

        var created = store.CreateTopic(Batches.Topic("orders", partitions: 3));
        store.CreateTopic(Batches.Topic("audit"));

        Assert.NotEqual(default, created.CreatedAt);
        Assert.Equal(["audit", "orders"], store.ListTopics().Select(t => t.Name));
        Assert.Equal(created, store.GetTopic("orders"));
        string topicDir = Path.Combine(dir.Path, "topics", "orders");
        Assert.True(File.Exists(Path.Combine(topicDir, "topic.json")));
        for (int p = 0; p < 3; p++)
        {
            Assert.True(File.Exists(Path.Combine(topicDir, p.ToString(), "00000000000000000000.log")));
            Assert.Equal(0, store.GetPartition("orders", p).EndOffset);
        }

        store.DeleteTopic("orders");

        Assert.False(Directory.Exists(topicDir));
        Assert.Equal(["audit"], store.ListTopics().Select(t => t.Name));
        Assert.Equal(FluvioErrorCode.TopicNotFound, Assert.Throws<StorageException>(() => store.GetTopic("orders")).Error);
        Assert.Equal(FluvioErrorCode.TopicNotFound, Assert.Throws<StorageException>(() => store.DeleteTopic("orders")).Error);
        Assert.Equal(FluvioErrorCode.TopicNotFound, Assert.Throws<StorageException>(() => store.GetPartition("orders", 0)).Error);
    }

    [Fact]
    public async Task Creating_an_existing_topic_fails_and_bad_settings_are_refused()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("t"));

        Assert.Equal(FluvioErrorCode.TopicExists, Assert.Throws<StorageException>(() => store.CreateTopic(Batches.Topic("t"))).Error);
        Assert.Equal(FluvioErrorCode.InvalidArgument, Assert.Throws<StorageException>(() => store.CreateTopic(Batches.Topic("u", partitions: 0))).Error);
        Assert.Equal(FluvioErrorCode.InvalidArgument, Assert.Throws<StorageException>(() => store.CreateTopic(Batches.Topic("u", segmentSize: 0))).Error);
        Assert.Equal(FluvioErrorCode.InvalidArgument, Assert.Throws<StorageException>(() => store.CreateTopic(Batches.Topic("u", segmentSize: 5L << 30))).Error);
        Assert.Equal(FluvioErrorCode.InvalidArgument, Assert.Throws<StorageException>(() => store.CreateTopic(Batches.Topic("u") with { Retention = TimeSpan.Zero })).Error);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "topics", "u")));
    }

    [Fact]
    public async Task Partition_lookup_checks_the_range()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("t", partitions: 2));

        Assert.Equal(1, store.GetPartition("t", 1).Partition);
        Assert.Equal(FluvioErrorCode.PartitionNotFound, Assert.Throws<StorageException>(() => store.GetPartition("t", 2)).Error);
        Assert.Equal(FluvioErrorCode.PartitionNotFound, Assert.Throws<StorageException>(() => store.GetPartition("t", -1)).Error);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("UPPER")]
    [InlineData("")]
    [InlineData("-lead")]
    [InlineData("trail-")]
    [InlineData("-")]
    [InlineData("dot.ted")]
    [InlineData("..")]
    [InlineData("topic\n")]
    [InlineData("a b")]
    [InlineData("ü")]
    public async Task Invalid_topic_names_are_refused_before_any_file_is_made(string name)
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        var before = Directory.GetFileSystemEntries(dir.Path, "*", SearchOption.AllDirectories).Order().ToArray();

        var ex = Assert.Throws<StorageException>(() => store.CreateTopic(Batches.Topic(name)));

        Assert.Equal(FluvioErrorCode.InvalidTopicName, ex.Error);
        Assert.Contains(TopicName.Rule, ex.Message);
        Assert.Contains($"'{name}'", ex.Message);
        Assert.Equal(before, Directory.GetFileSystemEntries(dir.Path, "*", SearchOption.AllDirectories).Order().ToArray());
        Assert.Empty(store.ListTopics());
    }

    [Fact]
    public void Name_rule_boundaries_match_the_fluvio_regex()
    {
        string max = new('a', 63);
        string tooLong = new('a', 64);
        Assert.True(TopicName.IsValid(max));
        Assert.False(TopicName.IsValid(tooLong));
        Assert.Equal(FluvioErrorCode.InvalidTopicName, Assert.Throws<StorageException>(() => TopicName.Validate(tooLong)).Error);
        var regex = new Regex(TopicName.Rule);
        foreach (string name in new[] { "a", "0", "a-b", "a--b", "9-z", max, tooLong, "-a", "a-", "Ab", "a_b", "" })
        {
            Assert.Equal(regex.IsMatch(name), TopicName.IsValid(name));
        }
    }

    [Fact]
    public async Task Topics_and_their_settings_survive_a_reopen()
    {
        using var dir = new TempDirectory();
        var config = Batches.Topic("kept", partitions: 2, segmentSize: 12345) with
        {
            Retention = TimeSpan.FromHours(5),
            MaxPartitionSize = 999_999,
            Compression = TopicCompression.Zstd,
        };
        TopicConfig created;
        await using (var store = LogStore.Open(dir.Path, Batches.Options()))
        {
            created = store.CreateTopic(config);
        }
        await using (var store = LogStore.Open(dir.Path, Batches.Options()))
        {
            Assert.Equal(created, store.GetTopic("kept"));
            Assert.Equal(2, store.ListTopics().Single().Partitions);
        }
    }

    [Fact]
    public async Task Half_made_topics_in_the_work_folder_are_cleared_on_open()
    {
        using var dir = new TempDirectory();
        await using (LogStore.Open(dir.Path, Batches.Options()))
        {
        }
        string leftover = Path.Combine(dir.Path, ".work", "create-x-123", "0");
        Directory.CreateDirectory(leftover);

        await using var store = LogStore.Open(dir.Path, Batches.Options());

        Assert.False(Directory.Exists(Path.Combine(dir.Path, ".work", "create-x-123")));
        Assert.Empty(store.ListTopics());
        store.CreateTopic(Batches.Topic("x"));
    }

    [Fact]
    public async Task A_second_store_cannot_open_the_same_directory()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());

        var ex = Assert.Throws<StorageException>(() => LogStore.Open(dir.Path, Batches.Options()));
        Assert.Equal(FluvioErrorCode.StorageFailure, ex.Error);
    }
}
