using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>
/// Wait-FluvioConsumer: returns once the consumer's lag on the topic is at most -MaxLag, fails with
/// ConsumerLagTimeout at -Timeout, and ends at once when stopped. The bounds only keep a hang from
/// hanging the run.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ConsumerWaitTests(LocalClusterFixture cluster)
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public void ACaughtUpConsumerReturnsAtOnceAndWritesNothingWithoutPassThru()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("wait", partitions: 3);
        shell.Run($"$input | Send-FluvioRecord -Topic {topic} -Partition 1", ["x", "y"]).AssertClean();
        string consumer = ConsumerTestSupport.NewConsumerName("wait");
        shell.Consume(topic, consumer);

        Assert.Empty(shell.Run($"Wait-FluvioConsumer -Consumer {consumer} -Topic {topic} -Timeout 00:00:10").AssertClean().Output);
        var positions = shell.Run($"Wait-FluvioConsumer {consumer} {topic} -PassThru").AssertClean().Output;

        // Partitions 0 and 2 are empty: never committed there, and nothing to read.
        Assert.Equal([(consumer, topic, 0, null, 0L), (consumer, topic, 1, 1L, 0L), (consumer, topic, 2, null, 0L)], positions.Positions());
    }

    [Fact]
    public async Task ReturnsOnceTheConsumerHasReadTheRest()
    {
        using var shell = cluster.NewShell();
        using var reader = cluster.NewShell();
        string topic = shell.TwoPartitionTopic("wait");
        string consumer = ConsumerTestSupport.NewConsumerName("wait");
        Assert.Equal(["a0"], reader.Consume(topic, consumer, "-Partition 0 -Count 1"));

        var waiting = shell.RunAsync($"Wait-FluvioConsumer -Consumer {consumer} -Topic {topic} -Timeout 00:01:00", limit: HangGuard);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(waiting.IsCompleted, "It returned while the consumer still lagged by 7 records.");
        Assert.Equal(7, reader.Consume(topic, consumer).Count);

        Assert.Empty((await waiting).AssertClean().Output);
    }

    [Fact]
    public void AtTheTimeoutItFailsWithConsumerLagTimeoutSayingTheLag()
    {
        using var shell = cluster.NewShell();
        string topic = shell.TwoPartitionTopic("wait");
        string consumer = ConsumerTestSupport.NewConsumerName("wait");
        shell.Consume(topic, consumer, "-Partition 0 -Count 3");

        var result = shell.RunStrict($"Wait-FluvioConsumer -Consumer {consumer} -Topic {topic} -Timeout 00:00:00.5");

        Assert.Empty(result.Output);
        var error = result.AssertTerminating("ConsumerLagTimeout", "WaitFluvioConsumerCommand", ErrorCategory.OperationTimeout, consumer);
        // Partition 1 was never committed: all three of its records count.
        Assert.Equal($"Consumer '{consumer}' still lags 5 record(s) behind topic '{topic}' after 0.5 s: it may lag at most 0. By partition: 0: 2, 1: 3.",
            error.Exception.Message);
    }

    [Fact]
    public void MaxLagAndPartitionSayWhatCountsAsCaughtUp()
    {
        using var shell = cluster.NewShell();
        string topic = shell.TwoPartitionTopic("wait");
        string consumer = ConsumerTestSupport.NewConsumerName("wait");
        shell.Consume(topic, consumer, "-Partition 0 -Count 3"); // lags 2 in partition 0, 3 in partition 1

        shell.Run($"Wait-FluvioConsumer {consumer} {topic} -MaxLag 5 -Timeout 00:00:10").AssertClean();
        shell.Run($"Wait-FluvioConsumer {consumer} {topic} -Partition 0 -MaxLag 2 -Timeout 00:00:10").AssertClean();
        shell.RunStrict($"Wait-FluvioConsumer {consumer} {topic} -MaxLag 4 -Timeout 00:00:00.3")
            .AssertTerminating("ConsumerLagTimeout", "WaitFluvioConsumerCommand", ErrorCategory.OperationTimeout, consumer);
        shell.RunStrict($"Wait-FluvioConsumer {consumer} {topic} -Partition 1 -MaxLag 2 -Timeout 00:00:00.3")
            .AssertTerminating("ConsumerLagTimeout", "WaitFluvioConsumerCommand", ErrorCategory.OperationTimeout, consumer);
    }

    [Fact]
    public void AMissingTopicIsTopicNotFound()
    {
        using var shell = cluster.NewShell();
        string missing = LocalClusterFixture.NewTopicName("wait-missing");

        shell.RunStrict($"Wait-FluvioConsumer -Consumer anyone -Topic {missing} -Timeout 00:00:10")
            .AssertTerminating("TopicNotFound", "WaitFluvioConsumerCommand", ErrorCategory.ObjectNotFound, missing);
    }

    [Fact]
    public async Task StoppingThePipelineEndsTheWait()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("wait");
        shell.Run($"'never read' | Send-FluvioRecord -Topic {topic}").AssertClean();
        using var ps = shell.CreatePowerShell($"Wait-FluvioConsumer -Consumer nobody-reads-{topic} -Topic {topic}");

        var invocation = ps.BeginInvoke();
        await Bounded.Until(() => ps.InvocationStateInfo.State == PSInvocationState.Running, HangGuard, "the wait to start");
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // well into its polling
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await Task.Run(ps.Stop).WaitAsync(HangGuard);

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(5), $"Stop took {stopping.Elapsed}.");
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(invocation));
    }
}
