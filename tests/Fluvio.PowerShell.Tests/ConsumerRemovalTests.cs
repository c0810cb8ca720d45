using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>Remove-FluvioConsumer: deletes committed offsets (everywhere, per topic, per partition, or piped), never records.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ConsumerRemovalTests(LocalClusterFixture cluster)
{
    private static List<(string, string, int, long?, long)> Offsets(PowerShellSession shell, string consumer) =>
        shell.Run($"Get-FluvioConsumer -Consumer {consumer} -ErrorAction SilentlyContinue").Output.Positions();

    [Fact]
    public void ConsumersPipedFromGetFluvioConsumerAreRemovedAndReadFromTheStartAgain()
    {
        using var shell = cluster.NewShell();
        string kept = shell.NewTopic("rmc");
        string reset = shell.TwoPartitionTopic("rmc");
        shell.Run($"'k0' | Send-FluvioRecord -Topic {kept}").AssertClean();
        string consumer = ConsumerTestSupport.NewConsumerName("rmc");
        shell.Consume(kept, consumer);
        Assert.Equal(8, shell.Consume(reset, consumer).Count);

        var result = shell.Run($"Get-FluvioConsumer -Consumer {consumer} -Topic {reset} | Remove-FluvioConsumer -Confirm:$false").AssertClean();

        Assert.Empty(result.Output);
        Assert.Equal([(consumer, kept, 0, 0L, 0L)], Offsets(shell, consumer));
        Assert.Equal(8, shell.Consume(reset, consumer).Count); // the records are all still there
        Assert.Empty(shell.Consume(kept, consumer));
    }

    [Fact]
    public void OnePartitionOrEveryTopic()
    {
        using var shell = cluster.NewShell();
        string topic = shell.TwoPartitionTopic("rmc");
        string consumer = ConsumerTestSupport.NewConsumerName("rmc");
        shell.Consume(topic, consumer);

        shell.Run($"Remove-FluvioConsumer {consumer} -Topic {topic} -Partition 1").AssertClean();
        Assert.Equal([(consumer, topic, 0, 4L, 0L)], Offsets(shell, consumer));

        shell.Run($"Remove-FluvioConsumer -Consumer {consumer}").AssertClean();
        Assert.Empty(Offsets(shell, consumer));
    }

    [Fact]
    public void WhatIfRemovesNothing()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("rmc");
        shell.Run($"'r' | Send-FluvioRecord -Topic {topic}").AssertClean();
        string consumer = ConsumerTestSupport.NewConsumerName("rmc");
        shell.Consume(topic, consumer);

        shell.Run($"Get-FluvioConsumer {consumer} | Remove-FluvioConsumer -WhatIf").AssertClean();

        Assert.Equal([(consumer, topic, 0, 0L, 0L)], Offsets(shell, consumer));
    }

    [Fact]
    public void AMissingConsumerIsConsumerNotFoundAndTheOthersAreRemoved()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("rmc");
        shell.Run($"'r' | Send-FluvioRecord -Topic {topic}").AssertClean();
        string consumer = ConsumerTestSupport.NewConsumerName("rmc");
        string missing = ConsumerTestSupport.NewConsumerName("missing");
        shell.Consume(topic, consumer);

        var result = shell.RunStrict($"'{missing}', '{consumer}' | Remove-FluvioConsumer -Confirm:$false");

        Assert.Null(result.Terminating);
        var error = TestSupport.AssertError(Assert.Single(result.Errors), "ConsumerNotFound", "RemoveFluvioConsumerCommand", ErrorCategory.ObjectNotFound, missing);
        Assert.Equal($"Consumer '{missing}' not found: it has no committed offset.", error.Exception.Message);
        Assert.Empty(Offsets(shell, consumer));

        // -WhatIf does not hide it, and a partition it never committed in is named.
        var whatIf = shell.RunStrict($"Remove-FluvioConsumer {consumer} -Topic {topic} -Partition 0 -WhatIf");
        error = TestSupport.AssertError(Assert.Single(whatIf.Errors), "ConsumerNotFound", "RemoveFluvioConsumerCommand", ErrorCategory.ObjectNotFound, consumer);
        Assert.Equal($"Consumer '{consumer}' not found: it has no committed offset on partition 0 of topic '{topic}'.", error.Exception.Message);
    }

    [Fact]
    public void APartitionWithoutATopicIsRefused()
    {
        using var shell = cluster.NewShell();

        var result = shell.RunStrict("Remove-FluvioConsumer -Consumer anyone -Partition 1");

        var error = result.AssertTerminating("TopicRequired", "RemoveFluvioConsumerCommand", ErrorCategory.InvalidArgument, 1);
        Assert.Equal("-Partition 1 is a partition of one topic: name the topic with -Topic.", error.Exception.Message);
    }
}
