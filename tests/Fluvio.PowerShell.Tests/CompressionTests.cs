namespace Fluvio.PowerShell.Tests;

/// <summary>Send-FluvioRecord -Compression: every codec's batches read back as they were sent.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class CompressionTests(LocalClusterFixture cluster)
{
    [Theory]
    [InlineData("Gzip")]
    [InlineData("Snappy")]
    [InlineData("Lz4")]
    [InlineData("Zstd")]
    public void RecordsSentCompressedReadBackUnchanged(string codec)
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("zip", partitions: 2);
        var lines = Enumerable.Range(0, 200).Select(i => $"key{i % 7}=value {i} {new string((char)('a' + i % 26), i % 50)}").ToArray();

        var sent = shell.Run($"$input | Send-FluvioRecord -Topic {topic} -KeySeparator '=' -Compression {codec} -PassThru", lines).AssertClean().Output;

        var stored = shell.Receive(topic).ToDictionary(r => (r.P<int>("Partition"), r.P<long>("Offset")));
        Assert.Equal(lines.Length, stored.Count);
        for (int i = 0; i < lines.Length; i++)
        {
            var record = stored[(sent[i].P<int>("Partition"), sent[i].P<long>("Offset"))];
            Assert.Equal(lines[i], $"{record.P("Key")}={record.P("Value")}");
        }
    }
}
