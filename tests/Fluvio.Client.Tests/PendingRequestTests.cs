namespace Fluvio.Client.Tests;

public class PendingRequestTests
{
    private static PendingRequest Pack(params ProducerBatch[] batches)
    {
        var packer = new RequestPacker(1 << 20);
        foreach (var b in batches)
        {
            Assert.True(packer.TryAdd(b));
        }
        return packer.Take(1, "orders");
    }

    private static PartitionOutcome Ok(int partition, params long[] bases) => PartitionOutcome.Stored(partition, bases);

    private static ProduceAnswer Answer(params PartitionOutcome[] partitions) => new(1, partitions);

    [Fact]
    public void Base_offsets_give_each_record_base_plus_index()
    {
        var a = TestBatches.Make(0, count: 3);
        var b = TestBatches.Make(0, count: 2);
        var c = TestBatches.Make(1, count: 1);
        var pending = Pack(a, b, c);
        var response = Answer(Ok(0, 100, 103), Ok(1, 7));

        pending.Complete(response, "orders");

        Assert.Equal(new RecordMetadata(0, 102), new ProduceFuture(a, 2).Result);
        Assert.Equal(new RecordMetadata(0, 104), new ProduceFuture(b, 1).Result);
        Assert.Equal(new RecordMetadata(1, 7), new ProduceFuture(c, 0).Result);
    }

    [Fact]
    public void An_entry_error_fails_only_that_partition()
    {
        var a = TestBatches.Make(0);
        var b = TestBatches.Make(1);
        var pending = Pack(a, b);
        var failed = PartitionOutcome.Failed(1, new FluvioException(FluvioErrorCode.StorageFailure, "disk full"));

        pending.Complete(Answer(Ok(0, 5), failed), "orders");

        Assert.Equal(5, new ProduceFuture(a, 0).Result.Offset);
        var e = Assert.Throws<FluvioException>(() => new ProduceFuture(b, 0).Result);
        Assert.Equal(FluvioErrorCode.StorageFailure, e.Code);
        Assert.Equal("disk full", e.Message);
        Assert.True(new ProduceFuture(b, 0).IsFaulted);
    }

    [Fact]
    public void RecordTooLarge_on_a_lone_record_names_its_size()
    {
        var big = TestBatches.Make(0, valueSize: 3000, oversized: true);
        var pending = Pack(big);
        var result = PartitionOutcome.Failed(0, new FluvioException(FluvioErrorCode.RecordTooLarge, "batch exceeds 2048 bytes"));

        pending.Complete(Answer(result), "orders");

        var e = Assert.Throws<FluvioException>(() => new ProduceFuture(big, 0).Result);
        Assert.Equal(FluvioErrorCode.RecordTooLarge, e.Code);
        Assert.Contains($"A record of {big.FirstRecordSize} bytes is too large", e.Message);
        Assert.Contains("batch exceeds 2048 bytes", e.Message);
    }

    [Fact]
    public void A_partition_left_out_of_the_answer_fails_instead_of_waiting()
    {
        var a = TestBatches.Make(0);
        var b = TestBatches.Make(1);
        Pack(a, b).Complete(Answer(Ok(0, 1)), "orders");
        Assert.True(a.IsCompleted);
        Assert.Equal(FluvioErrorCode.Unknown, new ProduceFuture(b, 0).Error?.Code);
    }

    [Fact]
    public void A_wrong_number_of_base_offsets_fails_the_entry()
    {
        var a = TestBatches.Make(0);
        var b = TestBatches.Make(0);
        Pack(a, b).Complete(Answer(Ok(0, 1)), "orders");
        Assert.Contains("acknowledged 1 batches of the 2", new ProduceFuture(a, 0).Error?.Message);
    }

    [Fact]
    public async Task A_failed_future_surfaces_through_every_accessor()
    {
        var a = TestBatches.Make(0, count: 2);
        Pack(a).Fail(new FluvioException(FluvioErrorCode.ConnectionFailed, "gone"));
        var future = new ProduceFuture(a, 1);
        Assert.True(future.IsCompleted);
        Assert.Equal(FluvioErrorCode.ConnectionFailed, (await Assert.ThrowsAsync<FluvioException>(() => future.AsTask())).Code);
        Assert.Equal(FluvioErrorCode.ConnectionFailed, (await Assert.ThrowsAsync<FluvioException>(async () => await future.WaitAsync())).Code);
    }

    [Fact]
    public async Task A_pending_future_completes_when_its_batch_does()
    {
        var a = TestBatches.Make(2, count: 2);
        var future = new ProduceFuture(a, 1);
        var waiting = future.WaitAsync().AsTask();
        Assert.False(future.IsCompleted);
        a.Succeed(40);
        Assert.Equal(new RecordMetadata(2, 41), await waiting);
        a.Fail(new FluvioException(FluvioErrorCode.Unknown, "late")); // the first outcome stays
        Assert.Equal(41, future.Result.Offset);
    }

    [Fact]
    public void A_default_future_says_so()
    {
        Assert.Throws<InvalidOperationException>(() => default(ProduceFuture).IsCompleted);
    }
}
