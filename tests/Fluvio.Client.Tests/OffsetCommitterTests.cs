using Fluvio.Client.Tests.Fakes;

namespace Fluvio.Client.Tests;

public sealed class OffsetCommitterTests : FakeBrokerTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _broker.State.AddTopic("orders", 2);
        await using var producer = await _client.CreateProducerAsync("orders");
        for (int i = 0; i < 10; i++)
        {
            producer.Send(null, new byte[] { (byte)i }, i % 2);
        }
        await producer.FlushAsync();
    }

    [Fact]
    public async Task Within_the_interval_nothing_is_committed_at_the_end_each_partitions_last_offset_is()
    {
        var committer = new OffsetCommitter(_client, "reader", "orders", TimeSpan.FromHours(1));
        committer.Consumed(0, 0);
        committer.Consumed(1, 0);
        committer.Consumed(0, 3);
        Assert.Empty(await _client.ListOffsetsAsync("reader"));

        Assert.Null(committer.CommitAll(TimeSpan.FromSeconds(10)));

        var committed = (await _client.ListOffsetsAsync("reader")).OrderBy(o => o.Partition).ToList();
        Assert.Equal([(0, 3L), (1, 0L)], committed.Select(o => (o.Partition, o.Offset)));
    }

    [Fact]
    public void A_failed_commit_is_reported_not_thrown()
    {
        var committer = new OffsetCommitter(_client, "reader", "deleted");
        committer.Consumed(0, 0);
        Assert.Contains("deleted", committer.CommitAll(TimeSpan.FromSeconds(10)));
    }
}
