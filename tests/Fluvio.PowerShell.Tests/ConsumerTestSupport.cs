namespace Fluvio.PowerShell.Tests;

/// <summary>Named consumers for the consumer cmdlets' tests: a fresh name, and a read that commits.</summary>
internal static class ConsumerTestSupport
{
    public static string NewConsumerName(string prefix = "c") => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>Reads as <paramref name="consumer"/> (Receive-FluvioRecord -Consumer commits what it read) and returns the values.</summary>
    public static List<string?> Consume(this PowerShellSession shell, string topic, string consumer, string arguments = "") =>
        shell.Receive(topic, $"-Consumer {consumer} {arguments}").Values();

    /// <summary>A topic with a0..a4 in partition 0 and b0..b2 in partition 1.</summary>
    public static string TwoPartitionTopic(this PowerShellSession shell, string prefix)
    {
        string topic = shell.NewTopic(prefix, partitions: 2);
        shell.Run($"$input | Send-FluvioRecord -Topic {topic} -Partition 0", ["a0", "a1", "a2", "a3", "a4"]).AssertClean();
        shell.Run($"$input | Send-FluvioRecord -Topic {topic} -Partition 1", ["b0", "b1", "b2"]).AssertClean();
        return topic;
    }

    /// <summary>(Consumer, Topic, Partition, Offset, Lag) of FluvioConsumer objects, for one Assert.Equal.</summary>
    public static List<(string, string, int, long?, long)> Positions(this IEnumerable<System.Management.Automation.PSObject> consumers) =>
        consumers.Select(c => ((string)c.P("Consumer")!, (string)c.P("Topic")!, c.P<int>("Partition"), (long?)c.P("Offset"), c.P<long>("Lag"))).ToList();
}
