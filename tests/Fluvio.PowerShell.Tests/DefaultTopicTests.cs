using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>The card's line, `$lines | Send-FluvioRecord -KeySeparator '='`, with no -Topic: the topic comes from the session or the environment.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class DefaultTopicTests(LocalClusterFixture cluster)
{
    private static readonly string[] SeedLines = ["alice=Deposit 100.00", "bob=Withdraw 50.00", "bob=Withdraw 25.00"];

    [Fact]
    public void ConnectFluvioTopicIsTheDefaultForSendAndReceiveInThatSession()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("card", partitions: 3);

        var connection = Assert.Single(shell.Run($"Connect-Fluvio -Topic {topic} -PassThru").AssertClean().Output);
        shell.Run("$input | Send-FluvioRecord -KeySeparator '='", SeedLines).AssertClean();

        Assert.Equal(topic, connection.P("Topic"));
        Assert.Equal(cluster.Endpoint, connection.P("Endpoint"));
        var records = shell.Run("Receive-FluvioRecord").AssertClean().Output;
        Assert.Equal(["alice", "bob", "bob"], records.Keys().Order());
        Assert.Equal(2, Assert.Single(records, r => (string?)r.P("Key") == "alice").P("Partition"));
        // Another session does not inherit this one's default.
        using var other = cluster.NewShell();
        other.RunStrict("'x' | Send-FluvioRecord").AssertTerminating("TopicRequired", "SendFluvioRecordCommand", ErrorCategory.InvalidArgument);
    }

    [Fact]
    public void EnvironmentTopicIsTheDefaultWhenTheSessionHasNone()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("env");
        string? previous = Environment.GetEnvironmentVariable("FLUVIO_TOPIC");
        Environment.SetEnvironmentVariable("FLUVIO_TOPIC", topic);
        try
        {
            shell.Run("$input | Send-FluvioRecord -KeySeparator '='", SeedLines).AssertClean();
            var records = shell.Run("Receive-FluvioRecord").AssertClean().Output;

            Assert.Equal(["alice", "bob", "bob"], records.Keys());
            Assert.Equal(["Deposit 100.00", "Withdraw 50.00", "Withdraw 25.00"], records.Values());
            Assert.All(records, r => Assert.Equal(topic, r.P("Topic")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("FLUVIO_TOPIC", previous);
        }
    }

    [Fact]
    public void WithNoTopicAnywhereSendStopsBeforeSendingAnything()
    {
        using var shell = cluster.NewShell();
        string? previous = Environment.GetEnvironmentVariable("FLUVIO_TOPIC");
        Environment.SetEnvironmentVariable("FLUVIO_TOPIC", null);
        try
        {
            var result = shell.RunStrict("$input | Send-FluvioRecord -KeySeparator '=' -Verbose -PassThru", SeedLines);

            var error = result.AssertTerminating("TopicRequired", "SendFluvioRecordCommand", ErrorCategory.InvalidArgument);
            Assert.Contains("-Topic", error.Exception.Message);
            Assert.Contains("Connect-Fluvio", error.Exception.Message);
            Assert.Contains("FLUVIO_TOPIC", error.Exception.Message);
            Assert.Empty(result.Output);
            Assert.Empty(result.Verbose); // not one line was echoed as sent
            shell.RunStrict("Receive-FluvioRecord").AssertTerminating("TopicRequired", "ReceiveFluvioRecordCommand", ErrorCategory.InvalidArgument);
        }
        finally
        {
            Environment.SetEnvironmentVariable("FLUVIO_TOPIC", previous);
        }
    }
}
