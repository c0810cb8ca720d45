using System.Diagnostics;

namespace Fluvio.PowerShell.Tests;

/// <summary>Get-FluvioLocalCluster shows the running broker; Start-FluvioLocalCluster again returns that same one.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class LocalClusterTests(LocalClusterFixture cluster)
{
    [Fact]
    public void GetShowsTheRunningBroker()
    {
        using var shell = cluster.NewShell();

        var info = Assert.Single(shell.Run("Get-FluvioLocalCluster").AssertClean().Output);

        Assert.Equal("Fluvio.PowerShell.FluvioLocalCluster", info.BaseObject.GetType().FullName);
        Assert.Equal(cluster.LocalEndpoint, info.P("Endpoint"));
        Assert.Equal(Path.Combine(cluster.Home, "data"), info.P("DataDirectory"));
        using var process = Process.GetProcessById(info.P<int>("ProcessId"));
        Assert.False(process.HasExited);
        var startTime = info.P<DateTimeOffset>("StartTime");
        Assert.InRange(startTime, new DateTimeOffset(process.StartTime).AddSeconds(-2), DateTimeOffset.Now);
    }

    [Fact]
    public void StartingAgainReturnsTheRunningBroker()
    {
        using var shell = cluster.NewShell();
        var running = Assert.Single(shell.Run("Get-FluvioLocalCluster").AssertClean().Output);

        var again = shell.Run("Start-FluvioLocalCluster -Port 0 -Verbose").AssertClean();

        var info = Assert.Single(again.Output);
        Assert.Equal(running.P("ProcessId"), info.P("ProcessId"));
        Assert.Equal(cluster.LocalEndpoint, info.P("Endpoint"));
        Assert.Equal(running.P("StartTime"), info.P("StartTime"));
        Assert.Contains(again.Verbose, v => v.Contains("already running"));
        shell.Run("Get-FluvioTopic").AssertClean();
    }
}
