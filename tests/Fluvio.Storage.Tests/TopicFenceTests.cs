namespace Fluvio.Storage.Tests;

/// <summary>A topic that cannot be opened is fenced with its reason; the store opens and serves the others.</summary>
public class TopicFenceTests
{
    [Fact]
    public async Task A_damaged_topic_config_fences_that_topic_and_the_others_are_served()
    {
        using var dir = new TempDirectory();
        await using (var first = LogStore.Open(dir.Path, Batches.Options()))
        {
            first.CreateTopic(Batches.Topic("good"));
            first.CreateTopic(Batches.Topic("broken", partitions: 2));
            await first.GetPartition("good", 0).AppendAsync(Batches.Make(3, "g"));
        }
        File.WriteAllText(Path.Combine(dir.Path, "topics", "broken", "topic.json"), "{ not json");
        var log = new List<string>();

        await using var store = LogStore.Open(dir.Path, Batches.Options(log));

        Assert.Equal(3, Batches.ReadAll(store.GetPartition("good", 0)).Count);
        await store.GetPartition("good", 0).AppendAsync(Batches.Make(1, "more"));
        var refused = Assert.Throws<StorageException>(() => store.GetPartition("broken", 0));
        Assert.Equal(FluvioErrorCode.StorageFailure, refused.Error);
        Assert.Contains("Topic 'broken' is fenced", refused.Message);
        Assert.Contains("topic.json", refused.Message);
        Assert.Equal(FluvioErrorCode.StorageFailure, Assert.Throws<StorageException>(() => store.CreateTopic(Batches.Topic("broken"))).Error);
        Assert.Contains("broken", store.FencedTopics.Keys);
        Assert.Contains(log, line => line.StartsWith("Topic 'broken' is fenced", StringComparison.Ordinal));

        // Deleting is the way out: the folder goes and the name can be used again.
        store.DeleteTopic("broken");
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "topics", "broken")));
        store.CreateTopic(Batches.Topic("broken"));
        Assert.Equal(0, store.GetPartition("broken", 0).EndOffset);
    }

    [Theory]
    [InlineData("\"partitions\": 2", "\"partitions\": 2147483647", "declares 2147483647 partitions but only 2")]
    [InlineData("\"segment_size\": 1048576", "\"segment_size\": 0", "segment size")]
    [InlineData("\"retention_ms\": 604800000", "\"retention_ms\": 9223372036854775807", "retention_ms out of range")]
    public async Task A_topic_config_over_a_limit_fences_that_topic_without_allocating_for_it(string setting, string damaged, string reason)
    {
        using var dir = new TempDirectory();
        await using (var first = LogStore.Open(dir.Path, Batches.Options()))
        {
            first.CreateTopic(Batches.Topic("good"));
            first.CreateTopic(Batches.Topic("huge", partitions: 2) with { SegmentSize = 1048576, Retention = TimeSpan.FromDays(7) });
        }
        string configPath = Path.Combine(dir.Path, "topics", "huge", "topic.json");
        string text = File.ReadAllText(configPath);
        Assert.Contains(setting, text);
        File.WriteAllText(configPath, text.Replace(setting, damaged, StringComparison.Ordinal));

        await using var store = LogStore.Open(dir.Path, Batches.Options());

        Assert.Equal(["good"], store.ListTopics().Select(t => t.Name));
        await store.GetPartition("good", 0).AppendAsync(Batches.Make(1, "g"));
        var refused = Assert.Throws<StorageException>(() => store.GetPartition("huge", 0));
        Assert.Equal(FluvioErrorCode.StorageFailure, refused.Error);
        Assert.Contains(reason, refused.Message);
        Assert.True(refused.Message.Length < 1000, refused.Message);
    }

    [Fact]
    public async Task Two_creates_of_one_name_at_once_make_one_topic()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());

        // Two creates of the same name at once: one wins, the other is told it exists.
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            try
            {
                store.CreateTopic(Batches.Topic("same", partitions: 200));
                return "created";
            }
            catch (StorageException ex)
            {
                return ex.Error.ToString();
            }
        })));

        Assert.Equal(["TopicExists", "created"], results.Order(StringComparer.Ordinal));
        Assert.Equal(200, store.GetTopic("same").Partitions);
    }
}
