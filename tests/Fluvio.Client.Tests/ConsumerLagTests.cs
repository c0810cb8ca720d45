using Fluvio.Client.Tests.Fakes;

namespace Fluvio.Client.Tests;

/// <summary>A consumer's lag: records stored after its committed offset, never negative, everything stored when it never committed.</summary>
public sealed class ConsumerLagTests : FakeBrokerTest
{
    private static readonly DateTimeOffset Committed = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    private static ConsumerOffsetInfo At(long offset, DateTimeOffset? modified = null) => new("c", "t", 0, offset, modified ?? Committed);

    [Theory]
    [InlineData(0L, 10L, 3L, 6L)]   // read 0..3, 4..9 are left
    [InlineData(0L, 10L, 9L, 0L)]   // read the last record
    [InlineData(0L, 10L, 20L, 0L)]  // committed past the end (a recreated topic): no negative lag
    [InlineData(5L, 10L, 1L, 5L)]   // 2..4 were removed by retention: only 5..9 can still be read
    public void LagCountsTheStoredRecordsAfterTheCommittedOne(long logStart, long end, long committed, long lag)
    {
        var measured = ConsumerLag.Of("c", "t", 0, At(committed), new PartitionOffsets(logStart, end));

        Assert.Equal(new ConsumerLag("c", "t", 0, committed, lag, Committed), measured);
    }

    [Fact]
    public void AConsumerThatNeverCommittedLagsByEveryStoredRecord()
    {
        Assert.Equal(new ConsumerLag("c", "t", 1, null, 7, null), ConsumerLag.Of("c", "t", 1, null, new PartitionOffsets(3, 10)));
        Assert.Equal(0, ConsumerLag.Of("c", "t", 1, null, new PartitionOffsets(0, 0)).Lag);
    }

    [Fact]
    public void ACommitTimeOfZeroIsUnknown()
    {
        Assert.Null(ConsumerLag.Of("c", "t", 0, At(1, DateTimeOffset.UnixEpoch), new PartitionOffsets(0, 5)).LastCommit);
    }

    private async Task SendAsync(string topic, int partition, int count)
    {
        await using var producer = await _client.CreateProducerAsync(topic);
        for (int i = 0; i < count; i++)
        {
            producer.Send(null, "r"u8, partition);
        }
    }

    [Fact]
    public async Task ListsEachCommittedPartitionWithItsLagInOrder()
    {
        _broker.State.AddTopic("t", 2);
        _broker.State.AddTopic("u", 1);
        await SendAsync("t", 0, 5);
        await SendAsync("t", 1, 3);
        await _client.CommitOffsetAsync("c2", "t", 0, 4);
        await _client.CommitOffsetAsync("c1", "t", 1, 0);
        await _client.CommitOffsetAsync("c1", "t", 0, 1);
        await _client.CommitOffsetAsync("c1", "u", 0, 0);

        var all = await _client.ListConsumerLagAsync();

        Assert.Equal([("c1", "t", 0, 3L), ("c1", "t", 1, 2L), ("c1", "u", 0, 0L), ("c2", "t", 0, 0L)],
            all.Select(l => (l.Consumer, l.Topic, l.Partition, l.Lag)));
        Assert.All(all, l => Assert.Equal(Committed, l.LastCommit));
        Assert.Equal([("c1", 1)], (await _client.ListConsumerLagAsync("c1", "t", 1)).Select(l => (l.Consumer, l.Partition)));
        Assert.Empty(await _client.ListConsumerLagAsync("nobody"));
    }

    [Fact]
    public async Task AMissingTopicIsTopicNotFoundNotAnEmptyList()
    {
        var e = await Assert.ThrowsAsync<FluvioException>(() => _client.ListConsumerLagAsync(topic: "nope"));
        Assert.Equal(FluvioErrorCode.TopicNotFound, e.Code);
    }

    [Fact]
    public async Task TheLagOnATopicCoversThePartitionsNeverCommitted()
    {
        _broker.State.AddTopic("t", 3);
        await SendAsync("t", 0, 4);
        await SendAsync("t", 1, 2);
        await _client.CommitOffsetAsync("c", "t", 0, 3);

        var lags = await _client.GetConsumerLagAsync("c", "t");

        Assert.Equal([(0, (long?)3L, 0L), (1, null, 2L), (2, null, 0L)], lags.Select(l => (l.Partition, l.Offset, l.Lag)));
        Assert.Equal([(1, 2L)], (await _client.GetConsumerLagAsync("c", "t", 1)).Select(l => (l.Partition, l.Lag)));
    }

    [Fact]
    public async Task WaitingReturnsOnceTheConsumerCatchesUp()
    {
        _broker.State.AddTopic("t", 2);
        await SendAsync("t", 0, 3);
        await SendAsync("t", 1, 1);
        await _client.CommitOffsetAsync("c", "t", 0, 0);

        var wait = _client.WaitForConsumerLagAsync("c", "t", maxLag: 1, timeout: TimeSpan.FromSeconds(20), pollInterval: TimeSpan.FromMilliseconds(20));
        await Task.Delay(200);
        Assert.False(wait.IsCompleted); // lag 3: 1..2 of partition 0 and 0 of partition 1
        await _client.CommitOffsetAsync("c", "t", 0, 2);

        var done = await wait.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(done.CaughtUp);
        Assert.Equal(1, done.TotalLag);
    }

    [Fact]
    public async Task WaitingEndsAtTheTimeoutWithTheLastReading()
    {
        _broker.State.AddTopic("t", 1);
        await SendAsync("t", 0, 2);
        var started = System.Diagnostics.Stopwatch.StartNew();

        var done = await _client.WaitForConsumerLagAsync("c", "t", timeout: TimeSpan.FromMilliseconds(300), pollInterval: TimeSpan.FromMilliseconds(50));

        Assert.False(done.CaughtUp);
        Assert.Equal(2, done.TotalLag);
        Assert.InRange(started.Elapsed, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task WaitingStopsWhenCancelled()
    {
        _broker.State.AddTopic("t", 1);
        await SendAsync("t", 0, 1);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var wait = _client.WaitForConsumerLagAsync("c", "t", ct: cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
