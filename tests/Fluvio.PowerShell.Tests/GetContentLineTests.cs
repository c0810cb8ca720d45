using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>
/// `Get-Content data.txt | Send-FluvioRecord`: each line is a string carrying PSPath, PSParentPath,
/// PSChildName, PSDrive, PSProvider and ReadCount. It is sent as text and none of those bind to a
/// parameter, though -KeyProperty may name one on purpose.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class GetContentLineTests(LocalClusterFixture cluster)
{
    private static readonly List<object> Lines =
        TestSupport.AsGetContentLines("/home/ops/data.txt", ["alice=Deposit 100.00", "bob=Withdraw 50.00", "bob=Withdraw 25.00"]);

    [Fact]
    public void KeyedLinesAreSplitAndSentAsTextWithNoPropertyBound()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("gc", partitions: 3);

        // A note property bound by name (say PSPath to -Path, PSChildName to -Topic) would fail the run.
        var results = shell.Run($"$input | Send-FluvioRecord -Topic {topic} -KeySeparator '=' -PassThru", Lines).AssertClean().Output;

        Assert.Equal(["alice", "bob", "bob"], results.Keys());
        var records = shell.Receive(topic);
        Assert.Equal(["Deposit 100.00", "Withdraw 50.00", "Withdraw 25.00"], records.OrderBy(r => (string?)r.P("Key")).ThenBy(r => r.P<long>("Offset")).Values());
        Assert.Equal(2, Assert.Single(records, r => (string?)r.P("Key") == "alice").P("Partition"));
    }

    [Fact]
    public void UnkeyedLinesAreTheWholeTextNotAnObject()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("gc");

        shell.Run($"$input | Send-FluvioRecord -Topic {topic}", Lines).AssertClean();

        var records = shell.Receive(topic);
        Assert.Equal(["alice=Deposit 100.00", "bob=Withdraw 50.00", "bob=Withdraw 25.00"], records.Values());
        Assert.All(records, r => Assert.Null(r.P("Key")));
    }

    [Fact]
    public void KeyPropertyCanTakeTheKeyFromANoteProperty()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("gc");

        shell.Run($"$input | Send-FluvioRecord -Topic {topic} -KeyProperty PSChildName", Lines).AssertClean();

        var records = shell.Receive(topic);
        Assert.Equal(["data.txt", "data.txt", "data.txt"], records.Keys());
        Assert.Equal(["alice=Deposit 100.00", "bob=Withdraw 50.00", "bob=Withdraw 25.00"], records.Values()); // the text, not JSON
    }

    [Fact]
    public void AStringWithoutTheKeyPropertyIsReportedNotSentKeyless()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("gc");

        var result = shell.Run($"$input | Send-FluvioRecord -Topic {topic} -KeyProperty Customer", ["plain line"]);

        Assert.Null(result.Terminating);
        var error = TestSupport.AssertError(Assert.Single(result.Errors), "KeyPropertyNotFound", "SendFluvioRecordCommand", ErrorCategory.InvalidData, "plain line");
        Assert.Contains("'Customer'", error.Exception.Message);
        Assert.Empty(shell.Receive(topic));
    }
}
