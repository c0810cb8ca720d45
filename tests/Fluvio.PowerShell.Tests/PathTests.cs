using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>Send-FluvioRecord -Path: the file's lines follow the same rules as piped lines.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class PathTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("fluvio-ps-path-");

    [Fact]
    public void LinesOfAFileAreSplitAndABadLineIsReportedWhileTheRestAreStored()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("path");
        string file = Path.Combine(_folder.FullName, "data.txt");
        File.WriteAllText(file, "alice=Deposit 100.00\r\nno separator\r\nk=a=b\n k = v \r\ncarol=Pay 5\r\n");

        var result = shell.Run($"Send-FluvioRecord -Topic {topic} -Path $file -KeySeparator '=' -PassThru", variables: new Dictionary<string, object?> { ["file"] = file });

        Assert.Null(result.Terminating);
        var error = TestSupport.AssertError(Assert.Single(result.Errors), "KeySeparatorNotFound", "SendFluvioRecordCommand", ErrorCategory.InvalidData, "no separator");
        Assert.Contains("'no separator'", error.Exception.Message);
        Assert.Equal(["alice", "k", " k ", "carol"], result.Output.Keys());
        var records = shell.Receive(topic);
        Assert.Equal(["alice", "k", " k ", "carol"], records.Keys());
        Assert.Equal(["Deposit 100.00", "a=b", " v ", "Pay 5"], records.Values());
    }

    [Fact]
    public void SeveralFilesAreSentInTheOrderGivenAsWholeLinesWithoutASeparator()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("path");
        string first = Path.Combine(_folder.FullName, "b.log"), second = Path.Combine(_folder.FullName, "a.log");
        File.WriteAllLines(first, ["one", "two"]);
        File.WriteAllLines(second, ["three=3"]);

        shell.Run($"Send-FluvioRecord -Topic {topic} -Path $first, $second", variables: new Dictionary<string, object?> { ["first"] = first, ["second"] = second })
            .AssertClean();

        var records = shell.Receive(topic);
        Assert.Equal(["one", "two", "three=3"], records.Values());
        Assert.All(records, r => Assert.Null(r.P("Key")));
    }

    [Fact]
    public void AMissingFileIsReportedAndTheOtherFilesAreSent()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("path");
        string missing = Path.Combine(_folder.FullName, "missing.txt"), present = Path.Combine(_folder.FullName, "present.txt");
        File.WriteAllLines(present, ["k=v"]);

        var result = shell.RunStrict($"Send-FluvioRecord -Topic {topic} -Path $missing, $present -KeySeparator '='",
            variables: new Dictionary<string, object?> { ["missing"] = missing, ["present"] = present });

        Assert.Null(result.Terminating);
        var error = TestSupport.AssertError(Assert.Single(result.Errors), "FileNotFound", "SendFluvioRecordCommand", ErrorCategory.ObjectNotFound, missing);
        Assert.Contains(missing, error.Exception.Message);
        Assert.Equal(["k"], shell.Receive(topic).Keys());
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
