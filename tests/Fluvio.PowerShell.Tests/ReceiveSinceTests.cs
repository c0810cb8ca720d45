using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>
/// Receive-FluvioRecord -Since (each partition from its first record at or after a time),
/// -MaxBytes and -Isolation (issue 14): which records come back, and what a bad value says.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ReceiveSinceTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("fluvio-ps-since-");

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>
    /// Imports records stamped at known instants into a new two-partition topic: partition 0 at
    /// January, March and May 2026 (00:00 UTC), partition 1 at February and June.
    /// </summary>
    private string StampedTopic(PowerShellSession shell)
    {
        string topic = shell.NewTopic("since", partitions: 2);
        string file = Path.Combine(_folder.FullName, "stamped.jsonl");
        File.WriteAllLines(file,
        [
            """{"partition":0,"timestamp":"2026-01-01T00:00:00.000Z","key":"a","value":"jan"}""",
            """{"partition":0,"timestamp":"2026-03-01T00:00:00.000Z","key":"a","value":"mar"}""",
            """{"partition":0,"timestamp":"2026-05-01T00:00:00.000Z","key":"a","value":"may"}""",
            """{"partition":1,"timestamp":"2026-02-01T00:00:00.000Z","key":"b","value":"feb"}""",
            """{"partition":1,"timestamp":"2026-06-01T00:00:00.000Z","key":"b","value":"jun"}""",
        ]);
        shell.Run($"Import-FluvioTopic -Topic {topic} -Path $file -PreservePartition", variables: new Dictionary<string, object?> { ["file"] = file }).AssertClean();
        return topic;
    }

    [Fact]
    public void SinceStartsEachPartitionAtItsFirstRecordAtOrAfterTheTime()
    {
        using var shell = cluster.NewShell();
        string topic = StampedTopic(shell);

        // A UTC date means what it says; a record stamped exactly then is included.
        Assert.Equal(["mar", "may", "jun"], TestSupport.InPartitionOrder(shell.Receive(topic, "-Since ([datetime]::new(2026, 3, 1, 0, 0, 0, [DateTimeKind]::Utc))")));
        // A typed date (Kind Unspecified) is local time, a day's margin either side of UTC.
        Assert.Equal(["may", "jun"], TestSupport.InPartitionOrder(shell.Receive(topic, "-Since ([datetime]'2026-04-15')")));
        Assert.Equal(["jan", "mar", "may", "feb", "jun"], TestSupport.InPartitionOrder(shell.Receive(topic, "-Since ([datetime]'2025-12-01')")));
        Assert.Empty(shell.Receive(topic, "-Since ([datetime]::Now)"));
        Assert.Equal(["jun"], shell.Receive(topic, "-Since ([datetime]'2026-05-15') -Partition 1").Values());
        Assert.Equal(["may"], shell.Receive(topic, "-Since ([datetime]'2026-04-15') -Count 1 -Partition 0").Values());
    }

    [Fact]
    public void SinceNowReadsOnlyWhatIsSentAfterIt()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("since");
        var result = shell.Run(
            $"'before' | Send-FluvioRecord -Topic {topic}; [Threading.Thread]::Sleep(50); $t = [datetime]::Now; [Threading.Thread]::Sleep(50); " +
            $"'after' | Send-FluvioRecord -Topic {topic}; Receive-FluvioRecord -Topic {topic} -Since $t").AssertClean();
        Assert.Equal(["after"], result.Output.Values());
    }

    [Fact]
    public void SinceWithAnOffsetIsAParameterSetConflict()
    {
        using var shell = cluster.NewShell();
        string topic = StampedTopic(shell);
        var result = shell.RunStrict($"Receive-FluvioRecord -Topic {topic} -Partition 0 -Offset 1 -Since ([datetime]::Now)");
        Assert.Empty(result.Output);
        result.AssertTerminating("AmbiguousParameterSet", "ReceiveFluvioRecordCommand", ErrorCategory.InvalidArgument);
    }

    [Fact]
    public void MaxBytesAndIsolationReadEveryRecordAndOutOfRangeValuesAreRefused()
    {
        using var shell = cluster.NewShell();
        string topic = StampedTopic(shell);

        Assert.Equal(["jan", "mar", "may", "feb", "jun"], TestSupport.InPartitionOrder(shell.Receive(topic, "-MaxBytes 1")));
        Assert.Equal(["jan", "mar", "may", "feb", "jun"], TestSupport.InPartitionOrder(shell.Receive(topic, "-MaxBytes 67108864 -Isolation ReadUncommitted")));
        Assert.Equal(["mar", "may", "jun"], TestSupport.InPartitionOrder(shell.Receive(topic, "-Isolation ReadCommitted -MaxBytes 1 -Since ([datetime]'2026-02-15')")));

        var zero = shell.RunStrict($"Receive-FluvioRecord -Topic {topic} -MaxBytes 0");
        Assert.Empty(zero.Output);
        var error = zero.AssertTerminating("ParameterArgumentValidationError", "ReceiveFluvioRecordCommand", ErrorCategory.InvalidData, null);
        Assert.Contains("MaxBytes", error.Exception.Message);
        shell.RunStrict($"Receive-FluvioRecord -Topic {topic} -MaxBytes 67108865")
            .AssertTerminating("ParameterArgumentValidationError", "ReceiveFluvioRecordCommand", ErrorCategory.InvalidData, null);
        var isolation = shell.RunStrict($"Receive-FluvioRecord -Topic {topic} -Isolation Dirty");
        Assert.Empty(isolation.Output);
        Assert.StartsWith("CannotConvertArgumentNoMessage,", isolation.Terminating!.ErrorRecord.FullyQualifiedErrorId);
        Assert.Contains("ReadUncommitted", isolation.Terminating.Message);
    }
}
