using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>Get-FluvioTopic by name, with wildcards; Get-FluvioPartition's offsets after sends.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class TopicListingTests(LocalClusterFixture cluster)
{
    [Fact]
    public void NamesMatchWithWildcardsAndAnExactMissingNameIsTopicNotFound()
    {
        using var shell = cluster.NewShell();
        string prefix = "ls-" + Guid.NewGuid().ToString("N")[..10];
        shell.Run($"New-FluvioTopic {prefix}-orders; New-FluvioTopic {prefix}-payments; New-FluvioTopic {prefix}x").AssertClean();

        Assert.Equal([$"{prefix}-orders", $"{prefix}-payments"], shell.Run($"Get-FluvioTopic -Name '{prefix}-*'").AssertClean().Output.Select(t => t.P("Name")).Order());
        Assert.Equal([$"{prefix}-orders"], shell.Run($"Get-FluvioTopic '{prefix}-?rders'").AssertClean().Output.Select(t => t.P("Name")));
        Assert.Equal(3, shell.Run($"Get-FluvioTopic '{prefix}*'").AssertClean().Output.Count);
        Assert.Contains(shell.Run("Get-FluvioTopic").AssertClean().Output, t => (string?)t.P("Name") == $"{prefix}x");
        Assert.Empty(shell.Run($"Get-FluvioTopic '{prefix}-none-*'").AssertClean().Output); // no match for a pattern is no error

        string missing = $"{prefix}-missing";
        var result = shell.RunStrict($"Get-FluvioTopic -Name {prefix}-orders, {missing}");

        Assert.Null(result.Terminating);
        Assert.Equal([$"{prefix}-orders"], result.Output.Select(t => t.P("Name")));
        var error = TestSupport.AssertError(Assert.Single(result.Errors), "TopicNotFound", "GetFluvioTopicCommand", ErrorCategory.ObjectNotFound, missing);
        Assert.Contains($"'{missing}'", error.Exception.Message);
    }

    [Fact]
    public void PartitionsShowTheirEndOffsetsAfterSends()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("part", partitions: 2);
        shell.Run($"$input | Send-FluvioRecord -Topic {topic} -Partition 0", ["a", "b", "c"]).AssertClean();
        shell.Run($"'d' | Send-FluvioRecord -Topic {topic} -Partition 1").AssertClean();

        var partitions = shell.Run($"Get-FluvioPartition -Topic {topic}").AssertClean().Output.OrderBy(p => p.P<int>("Partition")).ToList();

        Assert.Equal([0, 1], partitions.Select(p => p.P<int>("Partition")));
        Assert.All(partitions, p => Assert.Equal(topic, p.P("Topic")));
        Assert.Equal([3L, 1L], partitions.Select(p => p.P<long>("EndOffset")));
        Assert.All(partitions, p => Assert.Equal(0L, p.P("LogStartOffset")));
        Assert.All(partitions, p => Assert.True(p.P<long>("SizeBytes") > 0));
        // Piped from Get-FluvioTopic by its Name.
        Assert.Equal(2, shell.Run($"Get-FluvioTopic {topic} | Get-FluvioPartition").AssertClean().Output.Count);
    }
}
