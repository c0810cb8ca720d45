using System.Management.Automation;
using System.Text;

namespace Fluvio.PowerShell.Tests;

/// <summary>Objects in: the key from -KeyProperty, the value the object's JSON or its -ValueProperty, byte arrays as bytes.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ObjectRecordTests(LocalClusterFixture cluster)
{
    [Fact]
    public void KeyPropertyKeysEachObjectAndTheValueIsItsJson()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("obj", partitions: 3);

        shell.Run(
            "[pscustomobject]@{ Customer = 'alice'; Amount = 12.5 }, [pscustomobject]@{ Customer = 'bob'; Amount = 1.25 } | " +
            $"Send-FluvioRecord -Topic {topic} -KeyProperty Customer").AssertClean();

        var records = shell.Receive(topic);
        var alice = Assert.Single(records, r => (string?)r.P("Key") == "alice");
        Assert.Equal("""{"Customer":"alice","Amount":12.5}""", alice.P("Value"));
        Assert.Equal(2, alice.P("Partition")); // the same partition a keyed line 'alice=...' gets
        var bob = Assert.Single(records, r => (string?)r.P("Key") == "bob");
        Assert.Equal("""{"Customer":"bob","Amount":1.25}""", bob.P("Value"));
        Assert.Equal(1, bob.P("Partition"));
    }

    [Fact]
    public void AnObjectWithoutTheKeyPropertyIsReportedAndTheOthersAreSent()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("obj");

        var result = shell.RunStrict(
            "[pscustomobject]@{ Customer = 'alice' }, [pscustomobject]@{ Name = 'stray' }, [pscustomobject]@{ Customer = 'bob' } | " +
            $"Send-FluvioRecord -Topic {topic} -KeyProperty Customer");

        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.Equal("KeyPropertyNotFound,Fluvio.PowerShell.Commands.SendFluvioRecordCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal("stray", PSObject.AsPSObject(error.TargetObject).P("Name"));
        Assert.Contains("'Customer'", error.Exception.Message);
        Assert.Equal(["alice", "bob"], shell.Receive(topic).Keys());
    }

    [Fact]
    public void ValuePropertyIsSentAsTextWhenItIsTextAndAsJsonOtherwise()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("obj");

        var result = shell.RunStrict(
            "[pscustomobject]@{ Id = 'k1'; Body = 'hello' }, [pscustomobject]@{ Id = 'k2'; Body = [pscustomobject]@{ x = 1 } }, " +
            "[pscustomobject]@{ Id = 'k3'; Body = 5 }, [pscustomobject]@{ Id = 'k4' } | " +
            $"Send-FluvioRecord -Topic {topic} -KeyProperty Id -ValueProperty Body");

        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ValuePropertyNotFound,Fluvio.PowerShell.Commands.SendFluvioRecordCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal("k4", PSObject.AsPSObject(error.TargetObject).P("Id"));
        var records = shell.Receive(topic);
        Assert.Equal(["k1", "k2", "k3"], records.Keys());
        Assert.Equal(["hello", """{"x":1}""", "5"], records.Values());
    }

    [Fact]
    public void ByteArraysAreSentAsTheirBytes()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("obj");
        byte[] payload = [0, 1, 2, 0x7f, 0x80, 0xfe, 0xff];

        shell.Run(
            $"[pscustomobject]@{{ Id = 'bin'; Data = $payload }} | Send-FluvioRecord -Topic {topic} -KeyProperty Id -ValueProperty Data; " +
            $",$payload | Send-FluvioRecord -Topic {topic}",
            variables: new Dictionary<string, object?> { ["payload"] = payload }).AssertClean();

        var records = shell.Receive(topic);
        Assert.Equal(2, records.Count);
        Assert.Equal("bin", records[0].P("Key"));
        Assert.Equal(Encoding.UTF8.GetBytes("bin"), records[0].P<byte[]>("KeyBytes"));
        Assert.Equal(payload, records[0].P<byte[]>("ValueBytes"));
        Assert.Null(records[1].P("Key"));
        Assert.Equal(payload, records[1].P<byte[]>("ValueBytes"));
    }
}
