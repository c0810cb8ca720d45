using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>Tab completion of topic names, through the engine's own TabExpansion2.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class CompletionTests(LocalClusterFixture cluster)
{
    [Fact]
    public void TopicParametersCompleteFromTheCurrentClustersTopics()
    {
        string prefix = "cmpl" + Guid.NewGuid().ToString("N")[..8];
        using var shell = cluster.NewShell();
        shell.Run($"New-FluvioTopic -Name {prefix}-orders; New-FluvioTopic -Name {prefix}-payments").AssertClean();
        // Listing topics fills the cache completion reads, so a TAB never waits on the broker.
        shell.Run("Get-FluvioTopic | Out-Null").AssertClean();

        foreach (string line in new[] { $"Receive-FluvioRecord -Topic {prefix}-o", $"Send-FluvioRecord -Topic {prefix}-o", $"Get-FluvioPartition {prefix}-o" })
        {
            var result = shell.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches",
                variables: new Dictionary<string, object?> { ["line"] = line }).AssertClean();
            var matches = result.Output.Select(o => ((CompletionResult)o.BaseObject).CompletionText).ToList();
            Assert.Equal([$"{prefix}-orders"], matches);
        }
    }
}
