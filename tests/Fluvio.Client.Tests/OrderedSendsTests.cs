using Fluvio.Client.Tests.Fakes;
using Fluvio.Protocol.Grpc;

namespace Fluvio.Client.Tests;

public sealed class OrderedSendsTests : FakeBrokerTest
{
    [Fact]
    public async Task Outcomes_come_back_in_send_order_with_their_tags_failures_included()
    {
        _broker.State.AddTopic("orders", 2);
        _broker.State.PartitionErrors[1] = ErrorReason.StorageFailure;
        await using var producer = await _client.CreateProducerAsync("orders");
        var sends = new OrderedSends<string>();
        for (int i = 0; i < 6; i++)
        {
            sends.Add(producer.Send(null, new byte[] { (byte)i }, i % 2), $"line {i}");
        }

        var outcomes = Enumerable.Range(0, 6).Select(_ => sends.TakeOldest(CancellationToken.None)).ToList();

        Assert.Equal(0, sends.Count);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"line {i}"), outcomes.Select(o => o.Tag));
        Assert.Equal([0L, 1L, 2L], outcomes.Where((_, i) => i % 2 == 0).Select(o => o.Metadata.Offset));
        Assert.All(outcomes.Where((_, i) => i % 2 == 1), o => Assert.Equal(FluvioErrorCode.StorageFailure, o.Error?.Code));
    }

    [Fact]
    public void Waiting_is_cancelled_by_the_token_and_the_send_stays()
    {
        var batch = TestBatches.Make(0);
        var sends = new OrderedSends<int>();
        sends.Add(new ProduceFuture(batch, 0), 7);
        Assert.False(sends.OldestSettled);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => sends.TakeOldest(cancelled.Token));
        Assert.Equal(1, sends.Count);
        batch.Succeed(40);
        Assert.True(sends.OldestSettled);
        Assert.Equal(new SendOutcome<int>(7, new RecordMetadata(0, 40), null), sends.TakeOldest(CancellationToken.None));
    }
}
