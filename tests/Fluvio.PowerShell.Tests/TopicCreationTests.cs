using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>New-FluvioTopic writes the topic it made; a duplicate or an invalid name is one bad input, the rest are created.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class TopicCreationTests(LocalClusterFixture cluster)
{
    [Fact]
    public void TheCreatedTopicIsWritten()
    {
        using var shell = cluster.NewShell();
        string name = LocalClusterFixture.NewTopicName("new");
        var before = DateTimeOffset.UtcNow;

        var topic = Assert.Single(shell.Run($"New-FluvioTopic -Name {name} -Partitions 3 -RetentionTime 1.00:00:00 -Compression Zstd").AssertClean().Output);

        Assert.Equal("Fluvio.PowerShell.FluvioTopic", topic.BaseObject.GetType().FullName);
        Assert.Equal(name, topic.P("Name"));
        Assert.Equal(3, topic.P("Partitions"));
        Assert.Equal(1, topic.P("ReplicationFactor"));
        Assert.Equal(TimeSpan.FromDays(1), topic.P("RetentionTime"));
        Assert.Equal("Zstd", topic.P("Compression")!.ToString());
        if (LocalClusterFixture.Native)
        {
            Assert.Null(topic.P("CreatedAt")); // the native protocol does not carry it
        }
        else
        {
            Assert.InRange(topic.P<DateTimeOffset>("CreatedAt"), before.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        }
        var listed = Assert.Single(shell.Run($"Get-FluvioTopic -Name {name}").AssertClean().Output);
        Assert.Equal(3, listed.P("Partitions"));
        Assert.Equal(TimeSpan.FromDays(1), listed.P("RetentionTime"));
    }

    [Fact]
    public void PassThruIsStillAcceptedAndWritesTheTopicOnce()
    {
        using var shell = cluster.NewShell();
        string name = LocalClusterFixture.NewTopicName("new");

        var written = shell.Run($"New-FluvioTopic {name} -PassThru").AssertClean().Output;

        Assert.Equal([name], written.Select(t => t.P("Name")));
    }

    [Fact]
    public void ADuplicateAndAnInvalidNameAreReportedAndTheOtherNamesAreCreated()
    {
        using var shell = cluster.NewShell();
        string existing = shell.NewTopic("dup");
        string fresh = LocalClusterFixture.NewTopicName("dup");

        var result = shell.RunStrict("$input | New-FluvioTopic -PassThru", [existing, "Not_Valid", fresh]);

        Assert.Null(result.Terminating);
        Assert.Equal(2, result.Errors.Count);
        var duplicate = TestSupport.AssertError(result.Errors[0], "TopicExists", "NewFluvioTopicCommand", ErrorCategory.ResourceExists, existing);
        Assert.Contains($"'{existing}'", duplicate.Exception.Message);
        var invalid = TestSupport.AssertError(result.Errors[1], "InvalidTopicName", "NewFluvioTopicCommand", ErrorCategory.InvalidArgument, "Not_Valid");
        Assert.Contains("'Not_Valid'", invalid.Exception.Message);
        Assert.Contains("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", invalid.Exception.Message);
        Assert.Equal([fresh], result.Output.Select(t => t.P("Name")));
        Assert.Empty(shell.Run("Get-FluvioTopic -Name Not_Valid -ErrorAction SilentlyContinue").Output);
    }

    [Theory]
    [InlineData("-starts-with-dash")]
    [InlineData("UPPER")]
    [InlineData("../escape")]
    [InlineData("a-name-that-is-sixty-four-characters-long-which-is-one-too-manyy")]
    public void NamesOutsideFluviosRuleAreRefused(string name)
    {
        using var shell = cluster.NewShell();

        var result = shell.Run("New-FluvioTopic -Name $name", variables: new Dictionary<string, object?> { ["name"] = name });

        TestSupport.AssertError(Assert.Single(result.Errors), "InvalidTopicName", "NewFluvioTopicCommand", ErrorCategory.InvalidArgument, name);
    }
}
