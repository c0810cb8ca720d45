using System.Management.Automation;
using System.Text;
using System.Text.Json;

namespace Fluvio.PowerShell.Tests;

/// <summary>
/// Export-FluvioTopic and Import-FluvioTopic (issue 14, item 2): a lossless round trip through
/// JSON Lines, keys back on their partitions, timestamps kept, bad lines reported.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ExportImportTests(LocalClusterFixture cluster) : IDisposable
{
    private static readonly byte[] Binary = [0, 0x80, 0xfe, 0xff, 10];
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("fluvio-ps-export-");

    private string File(string name) => Path.Combine(_folder.FullName, name);

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Name, p => p.Value);

    /// <summary>Keyed text, an empty key, a binary key and value, over three partitions.</summary>
    private static void Seed(PowerShellSession shell, string topic) =>
        shell.Run(
            $"'Deposit 100.00' | Send-FluvioRecord -Topic {topic} -Key alice; " +
            $"'Withdraw 50.00', 'Withdraw 25.00' | Send-FluvioRecord -Topic {topic} -Key bob; " +
            $"'empty key' | Send-FluvioRecord -Topic {topic} -Key ''; " +
            $"[pscustomobject]@{{ K = 'x'; KBase64 = $b64; V = 'y'; VBase64 = $b64 }} | Send-FluvioRecord -Topic {topic} -KeyProperty K -ValueProperty V",
            variables: Vars(("b64", Convert.ToBase64String(Binary)))).AssertClean();

    [Fact]
    public void ExportWritesOneLinePerRecordPartitionByPartitionWithTextBase64AndEmptyKeysApart()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("exp", partitions: 3);
        Seed(shell, topic);
        string file = File("a.jsonl");

        shell.Run($"Export-FluvioTopic -Topic {topic} -Path $file", variables: Vars(("file", file))).AssertClean();

        var lines = System.IO.File.ReadAllLines(file).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(5, lines.Count);
        var positions = lines.Select(l => (l.GetProperty("partition").GetInt32(), l.GetProperty("offset").GetInt64())).ToList();
        Assert.Equal(positions.Order().ToList(), positions); // partition by partition, offsets in order
        var bob = lines.Where(l => l.TryGetProperty("key", out var k) && k.GetString() == "bob").ToList();
        Assert.Equal(["Withdraw 50.00", "Withdraw 25.00"], bob.Select(l => l.GetProperty("value").GetString()));
        Assert.Single(lines, l => l.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String && k.GetString() == "");
        var binary = Assert.Single(lines, l => l.TryGetProperty("keyBase64", out _));
        Assert.Equal(Binary, binary.GetProperty("keyBase64").GetBytesFromBase64());
        Assert.Equal(Binary, binary.GetProperty("valueBase64").GetBytesFromBase64());
        Assert.False(binary.TryGetProperty("value", out _));
        Assert.All(lines, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", l.GetProperty("timestamp").GetString()));
    }

    [Fact]
    public void ExportImportExportIntoAnEmptyTopicGivesTheSameFileAndTheSameTimestamps()
    {
        using var shell = cluster.NewShell();
        string source = shell.NewTopic("exp", partitions: 3), target = shell.NewTopic("exp", partitions: 3);
        Seed(shell, source);
        string first = File("first.jsonl"), second = File("second.jsonl");

        shell.Run($"Export-FluvioTopic {source} $first; Import-FluvioTopic $first {target}; Export-FluvioTopic {target} $second",
            variables: Vars(("first", first), ("second", second))).AssertClean();

        Assert.Equal(System.IO.File.ReadAllBytes(first), System.IO.File.ReadAllBytes(second));
        var before = shell.Receive(source).Select(r => (r.P("Partition"), r.P("Offset"), r.P("Timestamp"))).Order().ToList();
        var after = shell.Receive(target).Select(r => (r.P("Partition"), r.P("Offset"), r.P("Timestamp"))).Order().ToList();
        Assert.Equal(before, after);
    }

    [Fact]
    public void WithoutPreservePartitionKeysGoWhereThePartitionerPutsThemAndWithItWhereTheFileSays()
    {
        using var shell = cluster.NewShell();
        string source = shell.NewTopic("exp", partitions: 3), byKey = shell.NewTopic("exp", partitions: 3), preserved = shell.NewTopic("exp", partitions: 3);
        // alice's key picks partition 2 of 3 (the official clients' SipHash); here it is put on 0 by hand.
        shell.Run($"'moved' | Send-FluvioRecord -Topic {source} -Key alice -Partition 0; 'keyless' | Send-FluvioRecord -Topic {source} -Partition 1").AssertClean();
        string file = File("placed.jsonl"), again = File("again.jsonl");
        shell.Run($"Export-FluvioTopic {source} $file", variables: Vars(("file", file))).AssertClean();

        shell.Run($"Import-FluvioTopic $file {byKey}; Import-FluvioTopic $file {preserved} -PreservePartition; Export-FluvioTopic {preserved} $again",
            variables: Vars(("file", file), ("again", again))).AssertClean();

        var alice = Assert.Single(shell.Receive(byKey), r => (string?)r.P("Key") == "alice");
        Assert.Equal(2, alice.P("Partition"));
        var kept = shell.Receive(preserved);
        Assert.Equal(0, Assert.Single(kept, r => (string?)r.P("Key") == "alice").P("Partition"));
        Assert.Equal(1, Assert.Single(kept, r => r.P("Key") is null).P("Partition"));
        Assert.Equal(System.IO.File.ReadAllBytes(file), System.IO.File.ReadAllBytes(again));
    }

    [Fact]
    public void PartitionAndOffsetRangeExportOnlyThoseRecords()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("exp", partitions: 2);
        shell.Run($"0..5 | ForEach-Object {{ \"r$_\" }} | Send-FluvioRecord -Topic {topic} -Partition 1; 'other' | Send-FluvioRecord -Topic {topic} -Partition 0").AssertClean();
        string file = File("range.jsonl");

        var info = Assert.Single(shell.Run($"Export-FluvioTopic {topic} $file -Partition 1 -StartOffset 2 -EndOffset 4 -PassThru", variables: Vars(("file", file))).AssertClean().Output);

        Assert.IsType<FileInfo>(info.BaseObject);
        var lines = System.IO.File.ReadAllLines(file).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["r2", "r3", "r4"], lines.Select(l => l.GetProperty("value").GetString()));
        Assert.All(lines, l => Assert.Equal(1, l.GetProperty("partition").GetInt32()));
    }

    [Fact]
    public void ABadLineIsInvalidExportLineNamingItsLineAndTheOtherLinesAreImported()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("exp");
        string file = File("bad.jsonl");
        System.IO.File.WriteAllText(file,
            "{\"partition\":0,\"offset\":0,\"timestamp\":null,\"key\":\"a\",\"value\":\"one\"}\n" +
            "{\"partition\":0,\"offset\":1,\"key\":\"b\"}\n" +
            "{\"partition\":0,\"offset\":2,\"timestamp\":\"2026-01-02T03:04:05.678Z\",\"key\":null,\"value\":\"three\"}\n");

        var result = shell.RunStrict($"Import-FluvioTopic $file {topic}", variables: Vars(("file", file)));

        Assert.Null(result.Terminating);
        var error = TestSupport.AssertError(Assert.Single(result.Errors), "InvalidExportLine", "ImportFluvioTopicCommand", ErrorCategory.InvalidData, $"{file}:2");
        Assert.Contains("Line 2", error.Exception.Message);
        var records = shell.Receive(topic);
        Assert.Equal(["one", "three"], records.Values());
        Assert.Null(records[0].P("Timestamp")); // no timestamp stays none
        Assert.Equal(DateTimeOffset.Parse("2026-01-02T03:04:05.678Z"), records[1].P<DateTimeOffset>("Timestamp"));
    }

    [Fact]
    public void PreservePartitionIntoATopicWithFewerPartitionsStopsWithPartitionNotFound()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("exp");
        string file = File("wide.jsonl");
        System.IO.File.WriteAllText(file, "{\"partition\":4,\"key\":\"k\",\"value\":\"v\"}\n");

        var result = shell.RunStrict($"Import-FluvioTopic $file {topic} -PreservePartition", variables: Vars(("file", file)));

        result.AssertTerminating("PartitionNotFound", "ImportFluvioTopicCommand", ErrorCategory.ObjectNotFound, $"{file}:1");
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
