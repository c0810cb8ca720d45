using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>-KeySeparator: the first occurrence splits key from value, a trailing CR is not data, nothing else is trimmed, a line without it is reported and skipped.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class KeySeparatorTests(LocalClusterFixture cluster)
{
    [Fact]
    public void SplitsAtTheFirstSeparatorDropsATrailingCarriageReturnAndTrimsNothing()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("sep");
        string[] lines = ["carol=Pay 5\r", "k=a=b", " k = v ", "empty=", "=no key"];

        shell.Run($"$input | Send-FluvioRecord -Topic {topic} -KeySeparator '='", lines).AssertClean();

        var records = shell.Receive(topic);
        Assert.Equal(["carol", "k", " k ", "empty", ""], records.Keys());
        Assert.Equal(["Pay 5", "a=b", " v ", "", "no key"], records.Values());
    }

    [Fact]
    public void AMultiCharacterSeparatorIsMatchedWhole()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("sep");

        shell.Run($"$input | Send-FluvioRecord -Topic {topic} -KeySeparator ' => '", ["a => 1", "b=>2 => 3"]).AssertClean();

        var records = shell.Receive(topic);
        Assert.Equal(["a", "b=>2"], records.Keys());
        Assert.Equal(["1", "3"], records.Values());
    }

    [Fact]
    public void ALineWithoutTheSeparatorIsANonTerminatingErrorAndEveryOtherLineIsStored()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("sep");
        string[] lines = ["alice=1", "no separator here", "bob=2", "", "carol=3"];

        var result = shell.RunStrict($"$input | Send-FluvioRecord -Topic {topic} -KeySeparator '=' -PassThru", lines);

        Assert.Null(result.Terminating);
        Assert.Equal(2, result.Errors.Count);
        var missing = TestSupport.AssertError(result.Errors[0], "KeySeparatorNotFound", "SendFluvioRecordCommand", ErrorCategory.InvalidData, "no separator here");
        Assert.Contains("'no separator here'", missing.Exception.Message);
        Assert.Contains("'='", missing.Exception.Message);
        TestSupport.AssertError(result.Errors[1], "KeySeparatorNotFound", "SendFluvioRecordCommand", ErrorCategory.InvalidData, "");
        Assert.Equal(["alice", "bob", "carol"], result.Output.Keys());
        var records = shell.Receive(topic);
        Assert.Equal(["alice", "bob", "carol"], records.Keys());
        Assert.Equal(["1", "2", "3"], records.Values());
    }

    [Fact]
    public void ErrorActionStopStopsAtTheBadLine()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("sep");

        var result = shell.RunStrict($"$input | Send-FluvioRecord -Topic {topic} -KeySeparator '=' -ErrorAction Stop", ["no separator"]);

        var error = result.AssertTerminating("KeySeparatorNotFound", "SendFluvioRecordCommand", ErrorCategory.InvalidData, "no separator");
        Assert.Contains("'no separator'", error.Exception.Message);
        Assert.Empty(shell.Receive(topic));
    }
}
