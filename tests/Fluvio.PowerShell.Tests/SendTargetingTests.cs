using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>-Partition picks the partition, -Key gives every record one key, and -Key with -KeySeparator is refused.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class SendTargetingTests(LocalClusterFixture cluster)
{
    [Fact]
    public void PartitionSendsEveryRecordToThatPartitionWhateverItsKey()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("target", partitions: 3);

        shell.Run($"$input | Send-FluvioRecord -Topic {topic} -KeySeparator '=' -Partition 1", ["alice=1", "bob=2", "carol=3"]).AssertClean();
        shell.Run($"'plain' | Send-FluvioRecord -Topic {topic} -Partition 0").AssertClean();

        Assert.Equal(["alice", "bob", "carol"], shell.Receive(topic, "-Partition 1").Keys());
        Assert.Equal(["plain"], shell.Receive(topic, "-Partition 0").Values());
        Assert.Empty(shell.Receive(topic, "-Partition 2"));
    }

    [Fact]
    public void KeyGivesEveryRecordTheSameKeyAndSoTheSamePartition()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("target", partitions: 3);

        shell.Run($"$input | Send-FluvioRecord -Topic {topic} -Key alice", ["x=1", "y", "z"]).AssertClean();

        var records = shell.Receive(topic);
        Assert.All(records, r => Assert.Equal("alice", r.P("Key")));
        Assert.All(records, r => Assert.Equal(2, r.P("Partition")));
        Assert.Equal(["x=1", "y", "z"], records.Values());
    }

    [Fact]
    public void KeyWithKeySeparatorIsATerminatingErrorAndNothingIsSent()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("target");

        var result = shell.RunStrict($"$input | Send-FluvioRecord -Topic {topic} -Key k -KeySeparator '='", ["a=1", "b=2"]);

        var error = result.AssertTerminating("KeyAndKeySeparator", "SendFluvioRecordCommand", ErrorCategory.InvalidArgument);
        Assert.Contains("-Key", error.Exception.Message);
        Assert.Contains("-KeySeparator", error.Exception.Message);
        Assert.Empty(shell.Receive(topic));
    }

    [Fact]
    public void NothingToSendIsATerminatingInputRequiredNotAPromptOrAnEmptyRecord()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("noinput");

        var result = shell.RunStrict($"Send-FluvioRecord -Topic {topic}");

        var error = result.AssertTerminating("InputRequired", "SendFluvioRecordCommand", ErrorCategory.InvalidArgument);
        Assert.Contains("-Value", error.Exception.Message);
        Assert.Empty(shell.Receive(topic));
        // -Value given explicitly, even empty, is a record.
        shell.Run($"Send-FluvioRecord -Topic {topic} -Value ''").AssertClean();
        Assert.Equal([""], shell.Receive(topic).Values());
    }

    [Fact]
    public void ATopicThatDoesNotExistIsATerminatingTopicNotFound()
    {
        using var shell = cluster.NewShell();
        string missing = LocalClusterFixture.NewTopicName("missing");

        var sent = shell.RunStrict($"$input | Send-FluvioRecord -Topic {missing} -PassThru", ["a", "b"]);
        var read = shell.RunStrict($"Receive-FluvioRecord -Topic {missing}");

        Assert.Empty(sent.Output);
        Assert.Contains($"'{missing}'", sent.AssertTerminating("TopicNotFound", "SendFluvioRecordCommand", ErrorCategory.ObjectNotFound, missing).Exception.Message);
        read.AssertTerminating("TopicNotFound", "ReceiveFluvioRecordCommand", ErrorCategory.ObjectNotFound, missing);
    }
}
