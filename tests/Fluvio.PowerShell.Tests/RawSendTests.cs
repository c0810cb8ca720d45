using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>Send-FluvioRecord -Raw (issue 14, item 3): a file or a piped byte array is one record, byte for byte.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class RawSendTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("fluvio-ps-raw-");

    [Fact]
    public void EachFileIsOneRecordWithItsExactBytesLineEndsAndAllAndTheKeyIfGiven()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("raw");
        byte[] binary = [.. Enumerable.Range(0, 256).Select(i => (byte)i), 13, 10, 10, 0];
        string a = Path.Combine(_folder.FullName, "a.bin"), b = Path.Combine(_folder.FullName, "b.txt");
        File.WriteAllBytes(a, binary);
        File.WriteAllText(b, "line one\r\nline two\n");

        var sent = shell.Run($"Send-FluvioRecord -Topic {topic} -Raw -Path $a, $b -Key doc -PassThru",
            variables: new Dictionary<string, object?> { ["a"] = a, ["b"] = b }).AssertClean().Output;

        Assert.Equal(2, sent.Count);
        var records = shell.Receive(topic);
        Assert.Equal(2, records.Count);
        Assert.Equal(binary, records[0].P<byte[]>("ValueBytes"));
        Assert.Equal("line one\r\nline two\n", records[1].P("Value"));
        Assert.Equal(["doc", "doc"], records.Keys());
    }

    [Fact]
    public void PipedByteArraysAreOneRecordEachAndKeylessWithoutKey()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("raw");
        byte[] first = [0, 0xff, 10], second = [];

        shell.Run($"$first, $second | ForEach-Object {{ ,$_ }} | Send-FluvioRecord -Topic {topic} -Raw",
            variables: new Dictionary<string, object?> { ["first"] = first, ["second"] = second }).AssertClean();

        var records = shell.Receive(topic);
        Assert.Equal(2, records.Count);
        Assert.Equal(first, records[0].P<byte[]>("ValueBytes"));
        Assert.Equal(second, records[1].P<byte[]>("ValueBytes"));
        Assert.Null(records[0].P("Key"));
    }

    [Fact]
    public void PipedSingleBytesAreRefusedAsRawInputNotBytesRatherThanSentAsOneRecordEach()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("raw");

        var result = shell.RunStrict($"[byte]1, [byte]2 | Send-FluvioRecord -Topic {topic} -Raw");

        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.StartsWith("RawInputNotBytes,", e.FullyQualifiedErrorId));
        Assert.Empty(shell.Receive(topic));
    }

    [Fact]
    public void AFileOverTheBrokersBatchLimitIsRecordTooLargeAndTheOtherFilesAreSent()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("raw");
        string big = Path.Combine(_folder.FullName, "big.bin"), small = Path.Combine(_folder.FullName, "small.bin");
        File.WriteAllBytes(big, new byte[3 * 1024 * 1024]); // the broker takes batches of up to 2 MiB
        File.WriteAllBytes(small, [1, 2, 3]);

        var result = shell.RunStrict($"Send-FluvioRecord -Topic {topic} -Raw -Path $big, $small",
            variables: new Dictionary<string, object?> { ["big"] = big, ["small"] = small });

        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.Equal("RecordTooLarge,Fluvio.PowerShell.Commands.SendFluvioRecordCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Equal(big, error.TargetObject is PSObject o ? o.BaseObject : error.TargetObject);
        var record = Assert.Single(shell.Receive(topic));
        Assert.Equal(new byte[] { 1, 2, 3 }, record.P<byte[]>("ValueBytes"));
    }

    [Fact]
    public void RawWithKeySeparatorIsRefusedBeforeAnythingIsSent()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("raw");
        string file = Path.Combine(_folder.FullName, "kv.txt");
        File.WriteAllText(file, "a=b\n");

        var result = shell.RunStrict($"Send-FluvioRecord -Topic {topic} -Raw -Path $file -KeySeparator '='", variables: new Dictionary<string, object?> { ["file"] = file });

        result.AssertTerminating("RawWithSplitting", "SendFluvioRecordCommand", ErrorCategory.InvalidArgument);
        Assert.Empty(shell.Receive(topic));
    }

    [Fact]
    public void AnObjectPipedWithoutRawIsStillSentAsJsonNotAsItsText()
    {
        // -Raw once sat in a parameter set of its own that also took piped objects, which made a
        // plain `$object | Send-FluvioRecord` ambiguous: PowerShell sent "@{n=1}".
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("raw");

        shell.Run($"[pscustomobject]@{{ n = 1 }} | Send-FluvioRecord -Topic {topic}").AssertClean();

        Assert.Equal(["""{"n":1}"""], shell.Receive(topic).Values());
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
