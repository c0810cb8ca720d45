using Fluvio.Storage;
using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests.Faults;

/// <summary>
/// The disk-full rule through the storage's fsync hook (a failure with ENOSPC's errno, as .NET
/// reports it): runs everywhere, also where <see cref="DiskFullTests"/> cannot mount a disk.
/// A full disk fails the append and cuts back its bytes, but does not stop the partition; an
/// fsync failure that may have lost acknowledged bytes (Interval mode) does.
/// </summary>
public sealed class DiskFullHookTests(ITestOutputHelper output)
{
    private const int ENOSPC = 28;

    [Fact(Timeout = 60_000)]
    public async Task In_fsync_mode_a_full_disk_fails_the_append_and_later_appends_work_again()
    {
        await using var store = InProcessStore.Open();
        var log = store.CreateTopic("t");
        await log.AppendAsync(InProcessStore.Batch(1, 0, 5));
        long sizeBefore = new FileInfo(log.ActiveSegment.LogPath).Length;
        log.BeforeFsync = () => throw new IOException("No space left on device", ENOSPC);

        for (int attempt = 0; attempt < 3; attempt++)
        {
            var failed = await Assert.ThrowsAsync<StorageException>(async () => await log.AppendAsync(InProcessStore.Batch(2, attempt * 4, 4)));
            Assert.Equal(FluvioErrorCode.StorageFailure, failed.Error);
            Assert.Contains("disk is full", failed.Message);
            // Not acknowledged, not visible, not left in the file; the partition is not fenced.
            Assert.Equal(5, log.EndOffset);
            Assert.Equal(sizeBefore, new FileInfo(log.ActiveSegment.LogPath).Length);
            Assert.Null(log.Fault);
        }

        log.BeforeFsync = null;
        Assert.Equal(5L, (await log.AppendAsync(InProcessStore.Batch(3, 0, 2))).Single());
        Assert.Equal(7, log.EndOffset);
        var expected = new[] { (1, 0), (1, 1), (1, 2), (1, 3), (1, 4), (3, 0), (3, 1) }.Select(s => new Stamp(s.Item1, s.Item2));
        Assert.Equal(expected, InProcessStore.ReadAll(log));

        store.CrashAndReopen();
        Assert.Equal(expected, InProcessStore.ReadAll(store.Store.GetPartition("t", 0)));
        output.WriteLine(string.Join("\n", store.Lines));
    }

    [Fact(Timeout = 60_000)]
    public async Task In_interval_mode_a_failed_fsync_stops_the_partition_because_acknowledged_bytes_may_be_lost()
    {
        await using var store = InProcessStore.Open(FlushMode.Interval);
        var log = store.CreateTopic("t");
        await log.AppendAsync(InProcessStore.Batch(1, 0, 5)); // acknowledged, not yet fsynced
        log.BeforeFsync = () => throw new IOException("No space left on device", ENOSPC);
        store.Store.FlushAll();

        Assert.NotNull(log.Fault);
        log.BeforeFsync = null;
        var refused = await Assert.ThrowsAsync<StorageException>(async () => await log.AppendAsync(InProcessStore.Batch(2, 0, 1)));
        Assert.Equal(FluvioErrorCode.StorageFailure, refused.Error);
        Assert.Contains("refuses writes", refused.Message);
        Assert.Equal(5, InProcessStore.ReadAll(log).Count);
    }
}
