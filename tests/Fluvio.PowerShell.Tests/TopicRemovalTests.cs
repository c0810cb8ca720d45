using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>Remove-FluvioTopic: -WhatIf only describes, -Confirm:$false and -Force remove without a prompt.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class TopicRemovalTests(LocalClusterFixture cluster)
{
    private static bool Exists(PowerShellSession shell, string topic) =>
        shell.Run($"Get-FluvioTopic -Name '{topic}*'").AssertClean().Output.Any(t => (string?)t.P("Name") == topic);

    [Fact]
    public void WhatIfRemovesNothing()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("rm");
        shell.Run($"'kept' | Send-FluvioRecord -Topic {topic}").AssertClean();

        Assert.Empty(shell.Run($"Remove-FluvioTopic -Name {topic} -WhatIf -PassThru").AssertClean().Output);
        Assert.Empty(shell.Run($"Remove-FluvioTopic -Name {topic} -Force -WhatIf").AssertClean().Output);

        Assert.True(Exists(shell, topic));
        Assert.Equal(["kept"], shell.Receive(topic).Values());
    }

    [Fact]
    public void WhatIfOnAMissingTopicIsTopicNotFound()
    {
        using var shell = cluster.NewShell();
        string missing = LocalClusterFixture.NewTopicName("rm-missing");

        var result = shell.RunStrict($"Remove-FluvioTopic -Name {missing} -WhatIf");

        Assert.Null(result.Terminating);
        var error = TestSupport.AssertError(Assert.Single(result.Errors), "TopicNotFound", "RemoveFluvioTopicCommand", ErrorCategory.ObjectNotFound, missing);
        Assert.Contains($"'{missing}'", error.Exception.Message);
    }

    [Fact]
    public void ConfirmFalseRemoves()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("rm");

        var removed = shell.Run($"Remove-FluvioTopic -Name {topic} -Confirm:$false -PassThru").AssertClean().Output;

        Assert.Equal([topic], removed.Select(o => o.BaseObject));
        Assert.False(Exists(shell, topic));
    }

    [Fact]
    public void TopicsPipedFromGetFluvioTopicAreRemovedWithForce()
    {
        using var shell = cluster.NewShell();
        string prefix = "rm-" + Guid.NewGuid().ToString("N")[..10];
        shell.Run($"New-FluvioTopic {prefix}-a; New-FluvioTopic {prefix}-b; New-FluvioTopic other-{prefix}").AssertClean();

        shell.Run($"Get-FluvioTopic -Name {prefix}-* | Remove-FluvioTopic -Force").AssertClean();

        Assert.False(Exists(shell, $"{prefix}-a"));
        Assert.False(Exists(shell, $"{prefix}-b"));
        Assert.True(Exists(shell, $"other-{prefix}"));
    }

    [Fact]
    public void AMissingTopicIsReportedAndTheOthersAreRemoved()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("rm");
        string missing = LocalClusterFixture.NewTopicName("rm");

        var result = shell.RunStrict($"Remove-FluvioTopic -Name {missing}, {topic} -Force -PassThru");

        Assert.Null(result.Terminating);
        TestSupport.AssertError(Assert.Single(result.Errors), "TopicNotFound", "RemoveFluvioTopicCommand", System.Management.Automation.ErrorCategory.ObjectNotFound, missing);
        Assert.Equal([topic], result.Output.Select(o => o.BaseObject));
        Assert.False(Exists(shell, topic));
    }
}
