using Fluvio.Storage;

namespace Fluvio.Reliability.Tests.Faults;

/// <summary>
/// Issue item 8, last part: an fsync that fails for any reason but a full disk means the device
/// may have dropped writes. The appends it covered fail (none is acknowledged), and the
/// partition stops accepting writes until a restart re-checks its files; acknowledged data stays
/// readable, the other partitions keep working.
/// </summary>
public sealed class FsyncFailureTests
{
    [Fact(Timeout = 60_000)]
    public async Task An_fsync_failure_stops_the_partition_and_nothing_unsynced_is_acknowledged()
    {
        await using var store = InProcessStore.Open();
        var log = store.CreateTopic("t", partitions: 2);
        await log.AppendAsync(InProcessStore.Batch(1, 0, 3));
        int fsyncs = 0;
        log.BeforeFsync = () =>
        {
            Interlocked.Increment(ref fsyncs);
            throw new IOException("Input/output error", 5);
        };

        // Several appends in flight: all are covered by the failed fsync, none is acknowledged.
        var appends = Enumerable.Range(0, 8).Select(async i => await log.AppendAsync(InProcessStore.Batch(2, i, 1))).ToArray();
        foreach (var append in appends)
        {
            var failed = await Assert.ThrowsAsync<StorageException>(() => append.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal(FluvioErrorCode.StorageFailure, failed.Error);
        }
        Assert.True(fsyncs >= 1);
        Assert.Equal(3, log.EndOffset);
        Assert.NotNull(log.Fault);

        // Refused from now on, even once the disk "recovers"; no fsync is even tried.
        log.BeforeFsync = null;
        var refused = await Assert.ThrowsAsync<StorageException>(async () => await log.AppendAsync(InProcessStore.Batch(3, 0, 1)));
        Assert.Contains("refuses writes", refused.Message);
        Assert.Equal([new Stamp(1, 0), new Stamp(1, 1), new Stamp(1, 2)], InProcessStore.ReadAll(log));
        Assert.Equal(0L, (await store.Store.GetPartition("t", 1).AppendAsync(InProcessStore.Batch(4, 0, 1))).Single());

        // A restart re-checks the files: only acknowledged records are there, and writes work.
        store.CrashAndReopen();
        var reopened = store.Store.GetPartition("t", 0);
        Assert.Null(reopened.Fault);
        Assert.Equal(3, reopened.EndOffset);
        Assert.Equal(3L, (await reopened.AppendAsync(InProcessStore.Batch(5, 0, 1))).Single());
    }
}
