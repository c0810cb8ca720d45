using Fluvio.Protocol.Records;

namespace Fluvio.Storage.Tests;

public class ConcurrencyTests
{
    [Fact]
    public async Task Readers_running_beside_writers_only_see_whole_acknowledged_batches()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options() with { IndexIntervalBytes = 200 });
        store.CreateTopic(Batches.Topic("t", segmentSize: 4000));
        var log = store.GetPartition("t", 0);
        using var done = new CancellationTokenSource();
        long acknowledged = 0;

        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < 100; i++)
            {
                var offsets = await log.AppendAsync(Batches.Make(i % 3 + 1, $"w{w}-{i}", valueSize: 30));
                InterlockedMax(ref acknowledged, offsets[0] + i % 3 + 1);
            }
        })).ToArray();
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(async () =>
        {
            var random = new Random(r);
            int reads = 0;
            while (!done.IsCancellationRequested || reads < 10)
            {
                long end = log.EndOffset;
                if (end == 0)
                {
                    await Task.Yield();
                    continue;
                }
                long offset = random.NextInt64(end);
                var chunk = log.Read(offset, random.Next(1, 3000));
                var records = Batches.Records(chunk); // validates every batch's CRC
                Assert.True(records[0].Offset <= offset && offset <= records[^1].Offset);
                Assert.Equal(Enumerable.Range(0, records.Count).Select(i => records[0].Offset + i), records.Select(x => x.Offset));
                reads++;
            }
        })).ToArray();

        await Task.WhenAll(writers);
        done.Cancel();
        await Task.WhenAll(readers);

        Assert.Equal(Volatile.Read(ref acknowledged), log.EndOffset);
        Assert.Equal(400, RecordBatch.Split(log.Read(0, int.MaxValue)).Count);
    }

    [Fact]
    public async Task Reads_racing_retention_either_succeed_or_report_out_of_range()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("t", segmentSize: 1000) with { MaxPartitionSize = 1 });
        var log = store.GetPartition("t", 0);
        for (int i = 0; i < 60; i++)
        {
            await log.AppendAsync(Batches.Make(3, $"b{i}", valueSize: 60));
        }

        var reader = Task.Run(() =>
        {
            for (int i = 0; i < 2000; i++)
            {
                try
                {
                    Assert.NotEmpty(Batches.Records(log.Read(i % 30, 5000)));
                }
                catch (StorageException ex) when (ex.Error == FluvioErrorCode.OffsetOutOfRange)
                {
                }
            }
        });
        store.EnforceRetention(DateTime.UtcNow);
        await reader;

        Assert.True(log.LogStartOffset > 0);
        Assert.NotEmpty(Batches.ReadAll(log));
    }

    [Fact]
    public async Task Appends_after_a_topic_is_deleted_or_the_store_is_closed_are_refused()
    {
        using var dir = new TempDirectory();
        var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("gone"));
        store.CreateTopic(Batches.Topic("kept"));
        var gone = store.GetPartition("gone", 0);
        var kept = store.GetPartition("kept", 0);
        var inFlight = Enumerable.Range(0, 20).Select(i => gone.AppendAsync(Batches.Make(1, $"r{i}")).AsTask()).ToArray();

        store.DeleteTopic("gone");

        foreach (var append in inFlight)
        {
            // Each append either finished before the delete or was refused: none hangs.
            try
            {
                await append.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (StorageException ex) when (ex.Error == FluvioErrorCode.TopicNotFound)
            {
            }
        }
        var afterDelete = await Assert.ThrowsAsync<StorageException>(async () => await gone.AppendAsync(Batches.Make(1, "x")));
        Assert.Equal(FluvioErrorCode.TopicNotFound, afterDelete.Error);
        Assert.Equal(FluvioErrorCode.TopicNotFound, Assert.Throws<StorageException>(() => gone.Read(0, 10)).Error);

        await store.DisposeAsync();

        var afterClose = await Assert.ThrowsAsync<StorageException>(async () => await kept.AppendAsync(Batches.Make(1, "x")));
        Assert.Equal(FluvioErrorCode.StorageFailure, afterClose.Error);
        Assert.Equal(FluvioErrorCode.StorageFailure, Assert.Throws<StorageException>(() => store.CreateTopic(Batches.Topic("new"))).Error);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
