using System.Management.Automation;
using System.Text;

namespace Fluvio.PowerShell.Tests;

/// <summary>Receive-FluvioRecord: which records (-Partition, -Offset, -Tail, -End, -Count, -Consumer) and what each record shows.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ReceiveOptionsTests(LocalClusterFixture cluster)
{
    /// <summary>A topic with a0..a4 in partition 0 and b0..b2 in partition 1.</summary>
    private static string TwoPartitionTopic(PowerShellSession shell)
    {
        string topic = shell.NewTopic("recv", partitions: 2);
        shell.Run($"$input | Send-FluvioRecord -Topic {topic} -Partition 0", ["a0", "a1", "a2", "a3", "a4"]).AssertClean();
        shell.Run($"$input | Send-FluvioRecord -Topic {topic} -Partition 1", ["b0", "b1", "b2"]).AssertClean();
        return topic;
    }

    [Fact]
    public void AnOffsetWithoutAPartitionIsRefusedBeforeAnythingIsRead()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("recv", partitions: 2);
        shell.Run($"$input | Send-FluvioRecord -Topic {topic} -Partition 0", ["a0", "a1", "a2", "a3"]).AssertClean();

        var result = shell.RunStrict($"Receive-FluvioRecord -Topic {topic} -Offset 3");

        Assert.Empty(result.Output);
        var error = result.AssertTerminating("PartitionRequired", "ReceiveFluvioRecordCommand", ErrorCategory.InvalidArgument, 3L);
        Assert.Equal("-Offset 3 is a position in one partition: name the partition with -Partition. To start every partition at the same place, use -FromBeginning or -Tail.", error.Exception.Message);
    }

    [Fact]
    public void SelectsRecordsByPartitionOffsetTailEndAndCount()
    {
        using var shell = cluster.NewShell();
        string topic = TwoPartitionTopic(shell);

        Assert.Equal(["a0", "a1", "a2", "a3", "a4", "b0", "b1", "b2"], TestSupport.InPartitionOrder(shell.Receive(topic)));
        Assert.Equal(["b0", "b1", "b2"], shell.Receive(topic, "-Partition 1").Values());
        Assert.Equal([0L, 1L, 2L], shell.Receive(topic, "-Partition 1").Select(r => r.P<long>("Offset")));
        Assert.Equal(["a3", "a4"], shell.Receive(topic, "-Partition 0 -Offset 3").Values());
        Assert.Equal(["a3", "a4", "b1", "b2"], TestSupport.InPartitionOrder(shell.Receive(topic, "-Tail 2")));
        Assert.Equal(8, shell.Receive(topic, "-Tail 10").Count); // more than a partition holds: all of it
        Assert.Equal(["a0", "a1", "a2"], shell.Receive(topic, "-Partition 0 -End 2").Values());
        Assert.Equal(["a1"], shell.Receive(topic, "-Partition 0 -Offset 1 -End 1").Values());
        Assert.Equal(["a0", "a1"], shell.Receive(topic, "-Partition 0 -Count 2").Values());
        Assert.Equal(3, shell.Receive(topic, "-Count 3").Count);
    }

    [Fact]
    public void ANamedConsumerResumesAfterWhatItHasRead()
    {
        using var shell = cluster.NewShell();
        string topic = TwoPartitionTopic(shell);
        string consumer = "ops-" + Guid.NewGuid().ToString("N")[..8];

        Assert.Equal(8, shell.Receive(topic, $"-Consumer {consumer}").Count);
        shell.Run($"$input | Send-FluvioRecord -Topic {topic} -Partition 1", ["b3"]).AssertClean();
        shell.Run($"$input | Send-FluvioRecord -Topic {topic} -Partition 0", ["a5"]).AssertClean();

        using var later = cluster.NewShell(); // the offset lives in the broker, not in the session
        Assert.Equal(["a5", "b3"], TestSupport.InPartitionOrder(later.Receive(topic, $"-Consumer {consumer}")));
        Assert.Empty(later.Receive(topic, $"-Consumer {consumer}"));
        Assert.Equal(10, later.Receive(topic).Count); // reading without -Consumer is unaffected
    }

    [Fact]
    public void RecordsShowTopicTimestampTextAndBytesAndANullKeyWhenKeyless()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("recv");
        var before = DateTimeOffset.UtcNow;
        shell.Run($"$input | Send-FluvioRecord -Topic {topic}", ["keyless"]).AssertClean();
        shell.Run($"$input | Send-FluvioRecord -Topic {topic} -KeySeparator '='", ["clé=välue ✓"]).AssertClean();

        var records = shell.Receive(topic);

        Assert.Equal(2, records.Count);
        var keyless = records[0];
        Assert.Equal("Fluvio.PowerShell.FluvioRecord", keyless.BaseObject.GetType().FullName);
        Assert.Equal(topic, keyless.P("Topic"));
        Assert.Null(keyless.P("Key"));
        Assert.Null(keyless.P("KeyBytes"));
        Assert.Equal("keyless"u8.ToArray(), keyless.P<byte[]>("ValueBytes"));
        var keyed = records[1];
        Assert.Equal("clé", keyed.P("Key"));
        Assert.Equal("välue ✓", keyed.P("Value"));
        Assert.Equal(Encoding.UTF8.GetBytes("clé"), keyed.P<byte[]>("KeyBytes"));
        Assert.Equal(Encoding.UTF8.GetBytes("välue ✓"), keyed.P<byte[]>("ValueBytes"));
        foreach (var record in records)
        {
            // The producer's clock in milliseconds: a wrong unit lands in 1970 or far in the future.
            var timestamp = record.P<DateTimeOffset>("Timestamp");
            Assert.InRange(timestamp, before.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        }
    }
}
