namespace Fluvio.PowerShell.Tests;

/// <summary>Send-FluvioRecord -PassThru: one result per record, in input order, naming where Receive-FluvioRecord finds it.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class PassThruTests(LocalClusterFixture cluster)
{
    [Fact]
    public void ResultsAreInInputOrderAndPointAtTheStoredRecords()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("pass", partitions: 3);
        string[] lines = ["alice=1", "bob=2", "carol=3", "alice=4", "bob=5", "dave=6", "erin=7"];

        var results = shell.Run($"$input | Send-FluvioRecord -Topic {topic} -KeySeparator '=' -PassThru", lines).AssertClean().Output;

        Assert.Equal(lines.Length, results.Count);
        Assert.All(results, r => Assert.Equal("Fluvio.PowerShell.FluvioProduceResult", r.BaseObject.GetType().FullName));
        Assert.All(results, r => Assert.Equal(topic, r.P("Topic")));
        Assert.Equal(lines.Select(l => l.Split('=')[0]), results.Keys());
        var stored = shell.Receive(topic).ToDictionary(r => (r.P<int>("Partition"), r.P<long>("Offset")));
        Assert.Equal(lines.Length, stored.Count);
        for (int i = 0; i < lines.Length; i++)
        {
            var record = stored[(results[i].P<int>("Partition"), results[i].P<long>("Offset"))];
            Assert.Equal(lines[i].Split('=')[0], record.P("Key"));
            Assert.Equal(lines[i].Split('=')[1], record.P("Value"));
        }
    }

    [Fact]
    public void KeylessRecordsRoundRobinFromPartitionZeroAndHaveNoKey()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("pass", partitions: 3);

        var results = shell.Run($"$input | Send-FluvioRecord -Topic {topic} -PassThru", ["a", "b", "c", "d"]).AssertClean().Output;

        Assert.Equal([0, 1, 2, 0], results.Select(r => r.P<int>("Partition")));
        Assert.Equal([0L, 0L, 0L, 1L], results.Select(r => r.P<long>("Offset")));
        Assert.All(results, r => Assert.Null(r.P("Key")));
    }
}
