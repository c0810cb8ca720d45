using System.Management.Automation;
using System.Text;

namespace Fluvio.PowerShell.Tests;

/// <summary>
/// Records that serialise cleanly (issue 14, item 1): text where the bytes are text, base64 only
/// where they are not, and a received record piped back re-sends the same key and value, keyless
/// included. ConvertTo-Json itself runs in the Pester suite (this host has no Utility module).
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class RecordSerialisationTests(LocalClusterFixture cluster)
{
    private static readonly byte[] Binary = [0, 1, 0x7f, 0x80, 0xfe, 0xff];

    [Fact]
    public void Base64PropertiesAreNullForTextAndCarryTheBytesWhenTheyAreNotUtf8()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("ser");
        shell.Run($"'välue ✓' | Send-FluvioRecord -Topic {topic} -Key 'clé'; ,$bin | Send-FluvioRecord -Topic {topic}",
            variables: new Dictionary<string, object?> { ["bin"] = Binary }).AssertClean();

        var records = shell.Receive(topic);

        Assert.Null(records[0].P("KeyBase64"));
        Assert.Null(records[0].P("ValueBase64"));
        Assert.Null(records[1].P("KeyBase64")); // keyless: no key at all, not an empty one
        Assert.Equal(Convert.ToBase64String(Binary), records[1].P("ValueBase64"));
    }

    [Fact]
    public void ReceivedRecordsPipedToSendWithKeyAndValuePropertiesAreTheSameRecordsKeylessAndBinaryIncluded()
    {
        using var shell = cluster.NewShell();
        string source = shell.NewTopic("ser"), target = shell.NewTopic("ser");
        shell.Run(
            $"'Deposit 100.00' | Send-FluvioRecord -Topic {source} -Key alice; " +
            $"'no key' | Send-FluvioRecord -Topic {source}; " +
            $"'' | Send-FluvioRecord -Topic {source} -Key ''; " +
            // A binary key and value, given as Receive-FluvioRecord shows them: text plus base64 beside it.
            $"[pscustomobject]@{{ Key = 'x'; KeyBase64 = $b64; Value = 'y'; ValueBase64 = $b64 }} | Send-FluvioRecord -Topic {source} -KeyProperty Key -ValueProperty Value",
            variables: new Dictionary<string, object?> { ["b64"] = Convert.ToBase64String(Binary) }).AssertClean();

        shell.Run($"Receive-FluvioRecord -Topic {source} | Send-FluvioRecord -Topic {target} -KeyProperty Key -ValueProperty Value").AssertClean();

        var back = shell.Receive(target);
        Assert.Equal(4, back.Count);
        Assert.Equal("alice"u8.ToArray(), back[0].P<byte[]>("KeyBytes"));
        Assert.Equal("Deposit 100.00", back[0].P("Value"));
        Assert.Null(back[1].P("KeyBytes"));
        Assert.Equal("no key", back[1].P("Value"));
        Assert.Equal(Array.Empty<byte>(), back[2].P<byte[]>("KeyBytes")); // empty, not null
        Assert.Equal(Binary, back[3].P<byte[]>("KeyBytes"));
        Assert.Equal(Binary, back[3].P<byte[]>("ValueBytes"));
    }

    [Fact]
    public void AMissingKeyPropertyIsStillAnErrorWhileANullOneIsKeyless()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("ser");

        var result = shell.RunStrict(
            $"[pscustomobject]@{{ Key = $null; Value = 'a' }}, [pscustomobject]@{{ Value = 'b' }} | Send-FluvioRecord -Topic {topic} -KeyProperty Key -ValueProperty Value");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("KeyPropertyNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal("b", PSObject.AsPSObject(error.TargetObject).P("Value"));
        var record = Assert.Single(shell.Receive(topic));
        Assert.Null(record.P("Key"));
        Assert.Equal("a", record.P("Value"));
    }

    [Fact]
    public void BadBase64IsAnInvalidBase64ErrorAndTheRecordIsNotSent()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("ser");

        var result = shell.RunStrict(
            $"[pscustomobject]@{{ Value = 'a'; ValueBase64 = '***' }}, [pscustomobject]@{{ Value = 'b'; ValueBase64 = $null }} | Send-FluvioRecord -Topic {topic} -ValueProperty Value");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("InvalidBase64,", error.FullyQualifiedErrorId);
        Assert.Equal(["b"], shell.Receive(topic).Values());
    }

    [Fact]
    public void AsJsonObjectsCarryKeyPartitionAndOffsetAsNotesThatAReSendLeavesOut()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("ser", partitions: 2), again = shell.NewTopic("ser");
        shell.Run($"[pscustomobject]@{{ n = 1 }} | Send-FluvioRecord -Topic {topic} -KeyProperty n; '{{\"n\":2}}' | Send-FluvioRecord -Topic {topic} -Partition 1").AssertClean();

        var objects = shell.Receive(topic, "-AsJson");

        var keyed = objects.Single(o => Equals(o.P("n"), 1L));
        Assert.Equal("1", keyed.P("FluvioKey"));
        Assert.Equal(0L, keyed.P("FluvioOffset"));
        var stored = shell.Receive(topic).Single(r => (string?)r.P("Key") == "1");
        Assert.Equal(stored.P("Partition"), keyed.P("FluvioPartition"));
        var keyless = objects.Single(o => Equals(o.P("n"), 2L));
        Assert.Null(keyless.P("FluvioKey"));
        Assert.Equal(1, keyless.P("FluvioPartition"));

        shell.Run($"Receive-FluvioRecord -Topic {topic} -Partition 1 -AsJson | Send-FluvioRecord -Topic {again}").AssertClean();
        Assert.Equal(["""{"n":2}"""], shell.Receive(again).Values());
    }

    [Fact]
    public void TopicsShowRetentionAsTimeSpanTextBesideTheTimeSpan()
    {
        using var shell = cluster.NewShell();
        string topic = LocalClusterFixture.NewTopicName("ser");

        var created = Assert.Single(shell.Run($"New-FluvioTopic -Name {topic} -RetentionTime 1.12:30:00").AssertClean().Output);

        Assert.Equal("1.12:30:00", created.P("Retention"));
        Assert.Equal(new TimeSpan(1, 12, 30, 0), created.P("RetentionTime"));
        // The text is what -RetentionTime reads back.
        Assert.Equal(new TimeSpan(1, 12, 30, 0), LanguagePrimitives.ConvertTo<TimeSpan>(created.P("Retention")));
    }
}
