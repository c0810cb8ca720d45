using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>
/// Add-FluvioPartition: asks first (keys move), -Force and -Confirm:$false add, -PassThru writes
/// the topic, bad counts and missing topics are non-terminating errors naming what was wrong, and
/// the next Send-FluvioRecord hashes over the new count.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class PartitionAddTests(LocalClusterFixture cluster)
{
    private static int Partitions(PowerShellSession shell, string topic) =>
        (int)Assert.Single(shell.Run($"Get-FluvioTopic -Name {topic}").AssertClean().Output).P("Partitions")!;

    [Fact]
    public void ForceAddsAndPassThruWritesTheGrownTopic()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("add");

        var topicObject = Assert.Single(shell.Run($"Add-FluvioPartition -Topic {topic} -Count 2 -Force -PassThru").AssertClean().Output);

        Assert.Equal("Fluvio.PowerShell.FluvioTopic", topicObject.BaseObject.GetType().FullName);
        Assert.Equal(3, topicObject.P("Partitions"));
        Assert.Equal("Provisioned", topicObject.P("Status"));
        Assert.Equal(3, Partitions(shell, topic));
        Assert.Empty(shell.Run($"Add-FluvioPartition {topic} -Confirm:$false").AssertClean().Output); // Count defaults to 1, as Fluvio's
        Assert.Equal(4, Partitions(shell, topic));
    }

    [Fact]
    public void WithoutForceItAsksAndAHostThatCannotAskAddsNothing()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("add-ask");

        Assert.Empty(shell.Run($"Add-FluvioPartition -Topic {topic} -Count 2 -WhatIf -PassThru").AssertClean().Output);
        Assert.Empty(shell.Run($"Add-FluvioPartition -Topic {topic} -Force -WhatIf").AssertClean().Output);
        // ConfirmImpact High: with the default $ConfirmPreference it prompts, which this host cannot.
        var asked = shell.RunStrict($"Add-FluvioPartition -Topic {topic}");
        Assert.NotNull(asked.Terminating);
        Assert.IsType<System.Management.Automation.Host.HostException>(asked.Terminating!.InnerException ?? asked.Terminating);

        Assert.Equal(1, Partitions(shell, topic));
        var type = (Type)Assert.Single(shell.Run("(Get-Command Add-FluvioPartition).ImplementingType").AssertClean().Output).BaseObject;
        var attribute = (CmdletAttribute)Attribute.GetCustomAttribute(type, typeof(CmdletAttribute))!;
        Assert.Equal(ConfirmImpact.High, attribute.ConfirmImpact);
        // The text of the prompt and of -WhatIf.
        Assert.Contains("Keys are hashed modulo the partition count, so most keys will map to different partitions", (string)type.GetField("KeyWarning")!.GetValue(null)!);
    }

    [Fact]
    public void TheNextSendHashesOverTheNewCount()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("add-send");
        shell.Run($"'before' | Send-FluvioRecord -Topic {topic} -Key alice").AssertClean();

        shell.Run($"Add-FluvioPartition -Topic {topic} -Count 2 -Force").AssertClean();
        shell.Run($"'after' | Send-FluvioRecord -Topic {topic} -Key alice").AssertClean();

        // alice: partition 0 of 1, partition 2 of 3 (the partitioner's vectors).
        Assert.Equal(["before"], shell.Receive(topic, "-Partition 0 -Count 1").Values());
        Assert.Equal(["after"], shell.Receive(topic, "-Partition 2 -Count 1").Values());
    }

    [Fact]
    public void TopicsPipedFromGetFluvioTopicGainPartitions()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("add-pipe", partitions: 2);

        shell.Run($"Get-FluvioTopic -Name {topic} | Add-FluvioPartition -Count 1 -Force").AssertClean();

        Assert.Equal(3, Partitions(shell, topic));
    }

    [Theory]
    [InlineData(0, "count must be at least 1, 0 given.")]
    [InlineData(-3, "count must be at least 1, -3 given.")]
    public void ACountBelowOneIsInvalidArgumentAndAsksNothing(int count, string message)
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("add-bad");

        // No -Force: the refusal comes before any question.
        var result = shell.RunStrict($"Add-FluvioPartition -Topic {topic} -Count {count}");

        Assert.Null(result.Terminating);
        var error = TestSupport.AssertError(Assert.Single(result.Errors), "InvalidArgument", "AddFluvioPartitionCommand", ErrorCategory.InvalidArgument, topic);
        Assert.Equal(message, error.Exception.Message);
        Assert.Equal(1, Partitions(shell, topic));
    }

    [Fact]
    public void ACountPastTheBrokersLimitIsInvalidArgumentNamingCount()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("add-vast");

        var result = shell.RunStrict($"Add-FluvioPartition -Topic {topic} -Count 1000000 -Force");

        Assert.Null(result.Terminating);
        var error = TestSupport.AssertError(Assert.Single(result.Errors), "InvalidArgument", "AddFluvioPartitionCommand", ErrorCategory.InvalidArgument, topic);
        Assert.Equal("count: 1 to 1000 partitions may be added (--max-partitions-per-topic), 1000000 given.", error.Exception.Message);
        Assert.Equal(1, Partitions(shell, topic));
    }

    [Fact]
    public void AMissingTopicIsTopicNotFound()
    {
        using var shell = cluster.NewShell();
        string missing = LocalClusterFixture.NewTopicName("add-missing");

        var result = shell.RunStrict($"Add-FluvioPartition -Topic {missing} -Force");

        Assert.Null(result.Terminating);
        TestSupport.AssertError(Assert.Single(result.Errors), "TopicNotFound", "AddFluvioPartitionCommand", ErrorCategory.ObjectNotFound, missing);
    }
}
