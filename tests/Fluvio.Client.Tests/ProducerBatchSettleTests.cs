namespace Fluvio.Client.Tests;

/// <summary>
/// A batch is settled by the sender's thread while the producer's own thread polls its futures
/// (as <c>Harvest</c> loops do): a future that reads as completed must already carry its outcome.
/// Before the fix, <see cref="ProducerBatch"/> flagged itself settled before writing the error or
/// base offset, so a failed record could read as acknowledged at offset -1 + index (the crash
/// suite caught a killed broker's records "acknowledged" at offsets -1 to 17).
/// </summary>
public class ProducerBatchSettleTests
{
    private const int Rounds = 200_000;

    [Fact]
    public void A_failed_batch_never_reads_as_acknowledged()
    {
        var error = new FluvioException(FluvioErrorCode.Unknown, "gone");
        int misread = Race(batch => batch.Fail(error), future => !future.IsFaulted);
        Assert.Equal(0, misread);
    }

    [Fact]
    public void An_acknowledged_batch_never_reads_with_an_unset_offset()
    {
        int misread = Race(batch => batch.Succeed(1000), future => future.IsFaulted || future.Result.Offset != 1002);
        Assert.Equal(0, misread);
    }

    /// <summary>Settles batches on one thread while another spins until each reads completed; counts wrong reads.</summary>
    private static int Race(Action<ProducerBatch> settle, Func<ProduceFuture, bool> isWrong)
    {
        var batches = new ProducerBatch[Rounds];
        for (int i = 0; i < Rounds; i++)
        {
            batches[i] = TestBatches.Make(0, count: 3);
        }
        int misread = 0;
        var reader = new Thread(() =>
        {
            for (int i = 0; i < Rounds; i++)
            {
                var future = new ProduceFuture(batches[i], 2);
                while (!future.IsCompleted)
                {
                }
                if (isWrong(future))
                {
                    misread++;
                }
            }
        });
        reader.Start();
        foreach (var batch in batches)
        {
            settle(batch);
        }
        reader.Join();
        return misread;
    }
}
