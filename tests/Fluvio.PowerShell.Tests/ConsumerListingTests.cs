using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>Get-FluvioConsumer: each named consumer's committed offset per partition, its lag, and when it last committed.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ConsumerListingTests(LocalClusterFixture cluster)
{
    [Fact]
    public void ShowsEachCommittedPartitionWithTheRecordsNotYetRead()
    {
        using var shell = cluster.NewShell();
        string topic = shell.TwoPartitionTopic("cons");
        string slow = ConsumerTestSupport.NewConsumerName("slow"), done = ConsumerTestSupport.NewConsumerName("done");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        Assert.Equal(["a0", "a1"], shell.Consume(topic, slow, "-Partition 0 -Count 2"));
        Assert.Equal(8, shell.Consume(topic, done).Count);

        var consumers = shell.Run($"Get-FluvioConsumer -Topic {topic}").AssertClean().Output;

        Assert.All(consumers, c => Assert.Equal("Fluvio.PowerShell.FluvioConsumer", c.BaseObject.GetType().FullName));
        Assert.Equal([(done, topic, 0, 4L, 0L), (done, topic, 1, 2L, 0L), (slow, topic, 0, 1L, 3L)], consumers.Positions());
        // Both transports carry the broker's time of the commit.
        Assert.All(consumers, c => Assert.InRange(c.P<DateTimeOffset>("LastSeen"), before, DateTimeOffset.UtcNow.AddSeconds(1)));

        shell.Run($"$input | Send-FluvioRecord -Topic {topic} -Partition 1", ["b3", "b4"]).AssertClean();
        Assert.Equal([(done, topic, 1, 2L, 2L)], shell.Run($"Get-FluvioConsumer {done} -Topic {topic} -Partition 1").AssertClean().Output.Positions());
    }

    [Fact]
    public void NamesMayBePatternsAndAMissingNameIsConsumerNotFound()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("cons");
        shell.Run($"'r' | Send-FluvioRecord -Topic {topic}").AssertClean();
        string prefix = ConsumerTestSupport.NewConsumerName("pat");
        shell.Consume(topic, prefix + "-one");
        shell.Consume(topic, prefix + "-two");
        string missing = ConsumerTestSupport.NewConsumerName("missing");

        var matched = shell.Run($"Get-FluvioConsumer -Consumer '{prefix.ToUpperInvariant()}-*'").AssertClean().Output;
        var result = shell.RunStrict($"Get-FluvioConsumer -Consumer {missing}, '{missing}*', {prefix}-one -Topic {topic}");

        Assert.Equal([prefix + "-one", prefix + "-two"], matched.Select(c => (string?)c.P("Consumer")));
        Assert.Null(result.Terminating);
        var error = TestSupport.AssertError(Assert.Single(result.Errors), "ConsumerNotFound", "GetFluvioConsumerCommand", ErrorCategory.ObjectNotFound, missing);
        Assert.Equal($"Consumer '{missing}' not found: it has no committed offset on topic '{topic}'.", error.Exception.Message);
        Assert.Equal([prefix + "-one"], result.Output.Select(c => (string?)c.P("Consumer")));
    }

    [Fact]
    public void AMissingTopicIsTopicNotFound()
    {
        using var shell = cluster.NewShell();
        string missing = LocalClusterFixture.NewTopicName("cons-missing");

        var result = shell.RunStrict($"Get-FluvioConsumer -Topic {missing}");

        result.AssertTerminating("TopicNotFound", "GetFluvioConsumerCommand", ErrorCategory.ObjectNotFound, missing);
    }
}
