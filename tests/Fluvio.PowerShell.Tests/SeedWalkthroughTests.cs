namespace Fluvio.PowerShell.Tests;

/// <summary>The seed walkthrough of the README, exactly as a user types it.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class SeedWalkthroughTests(LocalClusterFixture cluster)
{
    private static readonly string[] SeedLines = ["alice=Deposit 100.00", "bob=Withdraw 50.00", "bob=Withdraw 25.00"];

    [Fact]
    public void SendWithKeySeparatorEchoesLikeFluvioProduceVerboseAndReadsBackInOrder()
    {
        string topic = LocalClusterFixture.NewTopicName("seed");
        using var shell = cluster.NewShell();
        shell.Run($"New-FluvioTopic -Name {topic} -Partitions 3").AssertClean();

        var sent = shell.Run($"$input | Send-FluvioRecord -Topic {topic} -KeySeparator '=' -Verbose", SeedLines).AssertClean();
        Assert.Equal(["[alice] Deposit 100.00", "[bob] Withdraw 50.00", "[bob] Withdraw 25.00"], sent.Verbose);
        Assert.Empty(sent.Output);

        var records = shell.Run($"Receive-FluvioRecord -Topic {topic}").AssertClean().Output;
        Assert.Equal(3, records.Count);
        // Partitions are the official client's (partition-siphash.tsv: alice/3 → 2, bob/3 → 1).
        var alice = Assert.Single(records, r => (string)r.Properties["Key"].Value == "alice");
        Assert.Equal(2, alice.Properties["Partition"].Value);
        Assert.Equal("Deposit 100.00", alice.Properties["Value"].Value);
        var bob = records.Where(r => (string)r.Properties["Key"].Value == "bob").ToList();
        Assert.All(bob, r => Assert.Equal(1, r.Properties["Partition"].Value));
        Assert.Equal(["Withdraw 50.00", "Withdraw 25.00"], bob.Select(r => (string)r.Properties["Value"].Value));
        Assert.Equal([0L, 1L], bob.Select(r => (long)r.Properties["Offset"].Value));
    }
}
