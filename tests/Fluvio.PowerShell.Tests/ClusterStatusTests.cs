using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>
/// Get-FluvioCluster (`fluvio cluster status` + `cluster spu list`), and the status columns of
/// topics and partitions (`topic list`, `partition list`) in Get-FluvioTopic and Get-FluvioPartition.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ClusterStatusTests(LocalClusterFixture cluster)
{
    [Fact]
    public void TheLocalClusterIsReachableWithOneOnlineSpuAndCountsWhatItHolds()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("health", partitions: 2);
        shell.Run($"'some bytes' | Send-FluvioRecord -Topic {topic}").AssertClean();

        var health = Assert.Single(shell.Run("Get-FluvioCluster").AssertClean().Output);

        Assert.Equal("Fluvio.PowerShell.FluvioCluster", health.BaseObject.GetType().FullName);
        Assert.True((bool)health.P("Reachable")!);
        Assert.Null(health.P("Error"));
        Assert.Equal(LocalClusterFixture.Native ? "native" : "gRPC", health.P("Protocol"));
        var spu = PSObject.AsPSObject(Assert.Single((Array)health.P("Spus")!));
        Assert.Equal((5001, "Online"), ((int)spu.P("Id")!, (string?)spu.P("Status")));
        Assert.Equal((1, 1), ((int)health.P("SpuCount")!, (int)health.P("OnlineSpus")!));
        var topics = shell.Run("Get-FluvioTopic").AssertClean().Output;
        var partitions = shell.Run("Get-FluvioPartition").AssertClean().Output;
        Assert.True((int)health.P("TopicCount")! >= 1);
        Assert.True((int)health.P("PartitionCount")! >= 2);
        Assert.True((long)health.P("StorageBytes")! > 0);
        Assert.Contains(topics, t => (string?)t.P("Name") == topic);
        Assert.Contains(partitions, p => (string?)p.P("Topic") == topic);
    }

    [Fact]
    public void AnUnreachableClusterIsReachableFalseWithTheReasonAndNoError()
    {
        using var shell = cluster.NewShell();
        int port = TestSupport.ClosedPort();

        var result = shell.RunStrict($"Get-FluvioCluster -Endpoint http://127.0.0.1:{port}");

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var health = Assert.Single(result.Output);
        Assert.False((bool)health.P("Reachable")!);
        Assert.Contains($"127.0.0.1:{port}", (string)health.P("Error")!);
        Assert.Equal((0, 0, 0), ((int)health.P("SpuCount")!, (int)health.P("TopicCount")!, (int)health.P("PartitionCount")!));
        // What a scheduled script writes: one property, no try/catch.
        Assert.Equal([false], shell.Run($"(Get-FluvioCluster -Endpoint http://127.0.0.1:{port} -ErrorAction Stop).Reachable").AssertClean().Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void TopicsAndPartitionsCarryFluviosStatusColumns()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("status", partitions: 2);
        shell.Run($"'x' | Send-FluvioRecord -Topic {topic} -Partition 1").AssertClean();

        var listed = Assert.Single(shell.Run($"Get-FluvioTopic -Name {topic}").AssertClean().Output);
        Assert.Equal(("computed", "Provisioned", ""), ((string?)listed.P("Type"), (string?)listed.P("Status"), (string?)listed.P("Reason")));

        var second = shell.Run($"Get-FluvioPartition -Topic {topic}").AssertClean().Output[1];
        Assert.Equal("Online", second.P("Status"));
        Assert.Equal([5001], Assert.IsType<int[]>(second.P("Replicas")));
        Assert.Equal((1L, 1L, 1), ((long)second.P("HighWatermark")!, (long)second.P("LogEndOffset")!, (int)second.P("LiveReplicas")!));
    }
}
