namespace Fluvio.Storage.Tests;

public class GroupCommitTests
{
    [Fact]
    public async Task Concurrent_appends_share_fsyncs()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("t"));
        var log = store.GetPartition("t", 0);
        // A slow disk: appends pile up while each fsync runs.
        log.BeforeFsync = () => Thread.Sleep(5);
        const int appends = 200;
        using var start = new ManualResetEventSlim();

        var tasks = Enumerable.Range(0, appends).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return (await log.AppendAsync(Batches.Make(1, $"r{i}"))).Single();
        })).ToArray();
        start.Set();
        var offsets = await Task.WhenAll(tasks);

        Assert.Equal(Enumerable.Range(0, appends).Select(o => (long)o), offsets.Order());
        Assert.Equal(appends, log.EndOffset);
        Assert.InRange(log.FsyncCount, 1, appends - 1);
        Assert.Equal(appends, Batches.ReadAll(log).Count);
    }

    [Fact]
    public async Task An_fsync_failure_fails_the_appends_and_the_partition_refuses_more_writes()
    {
        using var dir = new TempDirectory();
        var lines = new List<string>();
        var store = LogStore.Open(dir.Path, Batches.Options(lines));
        store.CreateTopic(Batches.Topic("t", partitions: 2));
        var log = store.GetPartition("t", 0);
        await log.AppendAsync(Batches.Make(3, "kept"));
        var waiting = log.WaitForDataAsync(3, CancellationToken.None);
        log.BeforeFsync = () => throw new IOException("simulated fsync failure");

        var failed = await Assert.ThrowsAsync<StorageException>(async () => await log.AppendAsync(Batches.Make(2, "lost")));

        Assert.Equal(FluvioErrorCode.StorageFailure, failed.Error);
        Assert.Contains("simulated fsync failure", failed.Message);
        Assert.Equal(3, log.EndOffset);
        Assert.NotNull(log.Fault);
        var refused = await Assert.ThrowsAsync<StorageException>(async () => await log.AppendAsync(Batches.Make(1, "later")));
        Assert.Equal(FluvioErrorCode.StorageFailure, refused.Error);
        var waitFailure = await Assert.ThrowsAsync<StorageException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(FluvioErrorCode.StorageFailure, waitFailure.Error);
        // What was acknowledged stays readable; the other partition still works.
        Assert.Equal(3, Batches.ReadAll(log).Count);
        Assert.Equal(new long[] { 0 }, await store.GetPartition("t", 1).AppendAsync(Batches.Make(1, "fine")));
        Assert.Contains(lines, l => l.Contains("refuses writes"));

        await store.DisposeAsync();

        Assert.False(File.Exists(Path.Combine(dir.Path, "clean-shutdown")));
        await using var reopened = LogStore.Open(dir.Path, Batches.Options());
        Assert.Equal(3, reopened.GetPartition("t", 0).EndOffset);
        Assert.Equal(1, reopened.GetPartition("t", 1).EndOffset);
    }

    [Fact]
    public async Task Interval_mode_acknowledges_before_fsync_and_flushes_on_its_timer()
    {
        using var dir = new TempDirectory();
        await using (var store = LogStore.Open(dir.Path, Batches.Options() with { FlushMode = FlushMode.Interval, FlushInterval = TimeSpan.FromHours(1) }))
        {
            store.CreateTopic(Batches.Topic("t"));
            var log = store.GetPartition("t", 0);
            for (int i = 0; i < 10; i++)
            {
                await log.AppendAsync(Batches.Make(1, $"r{i}"));
            }
            Assert.Equal(0, log.FsyncCount);
            Assert.Equal(10, log.EndOffset);

            store.FlushAll();
            Assert.Equal(1, log.FsyncCount);
            store.FlushAll();
            Assert.Equal(1, log.FsyncCount);
        }

        await using (var store = LogStore.Open(dir.Path, Batches.Options() with { FlushMode = FlushMode.Interval, FlushInterval = TimeSpan.FromMilliseconds(20) }))
        {
            var log = store.GetPartition("t", 0);
            Assert.Equal(10, log.EndOffset);
            await log.AppendAsync(Batches.Make(1, "timer"));
            await Bounded.Until(() => log.FsyncCount > 0, TimeSpan.FromSeconds(10), "the flush timer to run");
        }
    }
}
