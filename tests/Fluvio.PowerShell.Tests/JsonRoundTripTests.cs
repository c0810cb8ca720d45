using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>Objects sent as JSON come back as objects with Receive-FluvioRecord -AsJson; a value that is not JSON is reported, not fatal.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class JsonRoundTripTests(LocalClusterFixture cluster)
{
    [Fact]
    public void ObjectsComeBackWithTheSamePropertyValuesNestedObjectsAndArraysIncluded()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("json");

        shell.Run(
            "[pscustomobject]@{ Id = 7; Customer = 'alice'; Amount = 12.5; Paid = $true; Note = $null; " +
            "Address = [pscustomobject]@{ City = 'Oslo'; Zip = '0150' }; " +
            "Lines = @([pscustomobject]@{ Item = 'book'; Qty = 2 }, [pscustomobject]@{ Item = 'pen'; Qty = 10 }); Tags = @('only') } | " +
            $"Send-FluvioRecord -Topic {topic}").AssertClean();
        var back = Assert.Single(shell.Receive(topic, "-AsJson"));

        // The value's own properties, in order, then where it was read from (notes -AsJson adds).
        Assert.Equal(["Id", "Customer", "Amount", "Paid", "Note", "Address", "Lines", "Tags", "FluvioKey", "FluvioPartition", "FluvioOffset"], back.Properties.Select(p => p.Name));
        Assert.Equal(7L, back.P("Id"));
        Assert.Equal("alice", back.P("Customer"));
        Assert.Equal(12.5, back.P("Amount"));
        Assert.Equal(true, back.P("Paid"));
        Assert.Null(back.P("Note"));
        var address = PSObject.AsPSObject(back.P("Address"));
        Assert.Equal("Oslo", address.P("City"));
        Assert.Equal("0150", address.P("Zip")); // text stays text
        var lines = back.P<object[]>("Lines").Select(PSObject.AsPSObject).ToList();
        Assert.Equal(["book", "pen"], lines.Select(l => l.P("Item")));
        Assert.Equal([2L, 10L], lines.Select(l => l.P("Qty")));
        Assert.Equal(["only"], back.P<object[]>("Tags")); // a one-element array stays an array
    }

    [Fact]
    public void IsoDatesComeBackAsDatesAsConvertFromJsonGivesThem()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("json");
        shell.Run(
            "'{\"utc\":\"2026-11-24T14:02:58.101Z\",\"offset\":\"2026-11-24T15:02:58+01:00\",\"plain\":\"2026-11-24T14:02:58\",\"day\":\"2026-11-24\",\"text\":\"12345678901234567890\"}' | " +
            $"Send-FluvioRecord -Topic {topic}").AssertClean();

        var back = Assert.Single(shell.Receive(topic, "-AsJson"));

        var utc = back.P<DateTime>("utc");
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(new DateTime(2026, 11, 24, 14, 2, 58, 101, DateTimeKind.Utc), utc);
        var offset = back.P<DateTime>("offset");
        Assert.Equal(DateTimeKind.Local, offset.Kind);
        Assert.Equal(new DateTime(2026, 11, 24, 14, 2, 58, DateTimeKind.Utc), offset.ToUniversalTime());
        Assert.Equal(new DateTime(2026, 11, 24, 14, 2, 58, DateTimeKind.Unspecified), back.P<DateTime>("plain"));
        Assert.Equal("2026-11-24", back.P("day")); // a date without a time stays text, as with ConvertFrom-Json
        Assert.Equal("12345678901234567890", back.P("text"));
    }

    [Fact]
    public void AValueThatIsNotJsonIsAnInvalidJsonErrorAndTheOtherRecordsAreStillWritten()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("json");
        shell.Run(
            $"[pscustomobject]@{{ n = 1 }} | Send-FluvioRecord -Topic {topic}; 'not json' | Send-FluvioRecord -Topic {topic}; " +
            $"[pscustomobject]@{{ n = 3 }} | Send-FluvioRecord -Topic {topic}").AssertClean();

        var result = shell.RunStrict($"Receive-FluvioRecord -Topic {topic} -AsJson");

        Assert.Null(result.Terminating);
        Assert.Equal([1L, 3L], result.Output.Select(o => o.P("n")));
        var error = Assert.Single(result.Errors);
        Assert.Equal("InvalidJson,Fluvio.PowerShell.Commands.ReceiveFluvioRecordCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        var record = PSObject.AsPSObject(error.TargetObject);
        Assert.Equal("not json", record.P("Value"));
        Assert.Equal(1L, record.P("Offset"));
        Assert.Contains("offset 1", error.Exception.Message);
    }
}
