namespace Fluvio.Storage.Tests;

/// <summary>Open descriptors stay bounded however many partitions and segments a store holds.</summary>
/// <remarks>Counts the process's descriptors, so it runs alone (other tests open stores too).</remarks>
[Collection(nameof(OpenFileBoundTests))]
public class OpenFileBoundTests
{
    private static int OpenDescriptors() => Directory.GetFiles("/proc/self/fd").Length;

    [Fact]
    public async Task Many_partitions_with_many_segments_keep_at_most_the_configured_files_open()
    {
        using var dir = new TempDirectory();
        const int MaxOpen = 8;
        var options = Batches.Options() with { MaxOpenFiles = MaxOpen };
        int before = OpenDescriptors();
        var store = LogStore.Open(dir.Path, options);
        // A segment holds one batch: every append after the first rolls to a new segment file.
        store.CreateTopic(Batches.Topic("wide", partitions: 60, segmentSize: 200));
        for (int round = 0; round < 5; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 60).Select(p => store.GetPartition("wide", p).AppendAsync(Batches.Make(1, $"r{round}p{p}", valueSize: 80)).AsTask()));
        }

        Assert.Equal(5, store.GetPartition("wide", 59).SegmentCount);
        for (int p = 0; p < 60; p++)
        {
            Assert.Equal(Enumerable.Range(0, 5).Select(r => $"r{r}p{p}-0"), Batches.ReadAll(store.GetPartition("wide", p)).Select(v => v.Value.TrimEnd('.')));
        }
        Assert.True(store.OpenSegmentFiles <= MaxOpen, $"{store.OpenSegmentFiles} segment files open");
        // 300 segment files, read and written (each held open before: 300 descriptors). Now the
        // store's lock file, the cache, and some of the runtime's own (thread pool, timers).
        int grown = OpenDescriptors() - before;
        Assert.True(grown <= MaxOpen + 24, $"{grown} more descriptors open for 300 segments");

        await store.DisposeAsync();
        await using var reopened = LogStore.Open(dir.Path, options);
        Assert.Equal(5, Batches.ReadAll(reopened.GetPartition("wide", 17)).Count);
        Assert.True(reopened.OpenSegmentFiles <= MaxOpen, $"{reopened.OpenSegmentFiles} segment files open after recovery");
    }

    [Fact]
    public void Handles_in_use_are_never_closed_and_the_cache_shrinks_back_when_they_are_returned()
    {
        using var dir = new TempDirectory();
        var cache = new FileHandleCache(capacity: 2);
        var paths = Enumerable.Range(0, 4).Select(i => Path.Combine(dir.Path, $"{i}.log")).ToArray();
        foreach (string path in paths)
        {
            File.WriteAllBytes(path, [(byte)'a', (byte)'b']);
        }

        var leases = paths.Select(cache.Rent).ToList();
        Assert.Equal(4, cache.OpenCount); // all in use: over capacity for now, none closed under its renter
        Span<byte> one = stackalloc byte[1];
        Assert.Equal(1, RandomAccess.Read(leases[0].Handle, one, 1));
        foreach (var lease in leases)
        {
            lease.Dispose();
        }
        Assert.Equal(2, cache.OpenCount);

        using (var held = cache.Rent(paths[3]))
        {
            cache.Forget(paths[3]); // e.g. retention deleted the segment while a read was in flight
            Assert.False(held.Handle.IsClosed);
            Assert.Equal(1, RandomAccess.Read(held.Handle, one, 0));
            Assert.Equal(1, cache.OpenCount);
            Assert.Equal(FluvioErrorCode.StorageFailure, Assert.Throws<StorageException>(() => cache.Rent(Path.Combine(dir.Path, "missing.log"))).Error);
        }
    }
}

[CollectionDefinition(nameof(OpenFileBoundTests), DisableParallelization = true)]
public sealed class OpenFileBoundCollection;
