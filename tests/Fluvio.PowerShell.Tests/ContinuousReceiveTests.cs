using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>
/// Receive-FluvioRecord -Continuous waits for records until something ends it: -Count, a script
/// that leaves the pipeline, or a stop (Ctrl+C). The bounds below only keep a hang from hanging
/// the test run; nothing is timed.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ContinuousReceiveTests(LocalClusterFixture cluster)
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CountEndsAContinuousRead()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("cont");
        shell.Run($"$input | Send-FluvioRecord -Topic {topic}", ["a", "b", "c"]).AssertClean();

        var result = await Task.Run(() => shell.Run($"Receive-FluvioRecord -Topic {topic} -Continuous -Count 2")).WaitAsync(HangGuard);

        Assert.Equal(["a", "b"], result.AssertClean().Output.Values());
    }

    [Fact]
    public async Task BreakingOutOfTheDownstreamScriptEndsAContinuousRead()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("cont");
        shell.Run($"$input | Send-FluvioRecord -Topic {topic}", ["a", "b", "c"]).AssertClean();

        var result = await Task.Run(() => shell.Run(
            "$n = 0\n" +
            $"do {{ Receive-FluvioRecord -Topic {topic} -Continuous | ForEach-Object {{ $_.Value; if (++$n -ge 2) {{ break }} }} }} while ($false)\n" +
            "'after'")).WaitAsync(HangGuard);

        Assert.Equal(["a", "b", "after"], result.AssertClean().Output.Select(o => o.BaseObject));
    }

    [Fact]
    public async Task StoppingThePipelineEndsAContinuousReadWaitingForRecords()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("cont");
        shell.Run($"$input | Send-FluvioRecord -Topic {topic}", ["first"]).AssertClean();
        using var ps = shell.CreatePowerShell($"Receive-FluvioRecord -Topic {topic} -Continuous | ForEach-Object {{ $_.Value }}");
        using var output = new PSDataCollection<PSObject>();
        var firstOutput = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        output.DataAdded += (_, _) => firstOutput.TrySetResult();

        var invocation = ps.BeginInvoke<PSObject, PSObject>(null, output);
        await firstOutput.Task.WaitAsync(HangGuard);
        // The cmdlet is now waiting for a record that never comes: Stop must cancel that wait.
        await Task.Run(ps.Stop).WaitAsync(HangGuard);

        Assert.True(invocation.IsCompleted);
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.Equal(["first"], output.Select(o => o.BaseObject));
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(invocation));
        // The session is usable afterwards.
        Assert.Equal(["first"], shell.Receive(topic).Values());
    }
}
