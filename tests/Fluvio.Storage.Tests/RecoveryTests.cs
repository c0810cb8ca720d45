using System.Buffers.Binary;
using Fluvio.Protocol.Records;

namespace Fluvio.Storage.Tests;

public class RecoveryTests
{
    private static string PartitionDir(TempDirectory dir, string topic = "t", int partition = 0) =>
        Path.Combine(dir.Path, "topics", topic, partition.ToString());

    private static string ActiveLog(TempDirectory dir) =>
        Directory.GetFiles(PartitionDir(dir), "*.log").Order().Last();

    /// <summary>Fills topic "t" and returns what it holds, then stops cleanly or like a crash.</summary>
    private static async Task<byte[]> Fill(TempDirectory dir, bool clean, int batches = 12, long segmentSize = TopicDefaults.SegmentSize, StorageOptions? options = null)
    {
        var store = LogStore.Open(dir.Path, options ?? Batches.Options());
        store.CreateTopic(Batches.Topic("t", segmentSize: segmentSize));
        var log = store.GetPartition("t", 0);
        for (int i = 0; i < batches; i++)
        {
            await log.AppendAsync(Batches.Make(i % 4 + 1, $"b{i}", valueSize: 40));
        }
        byte[] all = log.Read(0, int.MaxValue).ToArray();
        if (clean)
        {
            await store.DisposeAsync();
        }
        else
        {
            store.Abandon();
        }
        return all;
    }

    [Fact]
    public async Task A_clean_stop_rewrites_only_the_indexes_that_changed_since_they_were_written()
    {
        using var dir = new TempDirectory();
        var options = Batches.Options() with { IndexIntervalBytes = 64 };
        byte[] all = await Fill(dir, clean: true, options: options);
        string index = Path.ChangeExtension(ActiveLog(dir), ".index");
        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(index, stamp);
        long entriesBefore = new FileInfo(index).Length;

        // Opened and stopped with nothing written: the file already holds what the index holds.
        await LogStore.Open(dir.Path, options).DisposeAsync();
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(index));

        // A write that adds entries: the stop writes the file again.
        var store = LogStore.Open(dir.Path, options);
        await store.GetPartition("t", 0).AppendAsync(Batches.Make(4, "more", valueSize: 40));
        await store.DisposeAsync();
        Assert.NotEqual(stamp, File.GetLastWriteTimeUtc(index));
        Assert.True(new FileInfo(index).Length > entriesBefore, "the new entries were not written");

        // And what was written is what a scan-free reopen trusts.
        await using var reopened = LogStore.Open(dir.Path, options);
        Assert.Equal(Batches.Records(all).Count + 4, Batches.ReadAll(reopened.GetPartition("t", 0)).Count);
    }

    private static long LastBatchStart(byte[] all) => all.Length - RecordBatch.Split(all)[^1].Length;

    private static long LastBatchBase(byte[] all)
    {
        BatchHeader.TryRead(RecordBatch.Split(all)[^1].Span, out var header);
        return header.BaseOffset;
    }

    [Fact]
    public async Task A_clean_reopen_keeps_everything_and_continues_the_offsets()
    {
        using var dir = new TempDirectory();
        var all = await Fill(dir, clean: true, segmentSize: 600);
        Assert.True(File.Exists(Path.Combine(dir.Path, "clean-shutdown")));
        var lines = new List<string>();

        await using var store = LogStore.Open(dir.Path, Batches.Options(lines));
        var log = store.GetPartition("t", 0);

        Assert.False(File.Exists(Path.Combine(dir.Path, "clean-shutdown")));
        Assert.Contains(lines, l => l.Contains("clean shutdown"));
        Assert.Equal(all, log.Read(0, int.MaxValue).ToArray());
        long end = log.EndOffset;
        Assert.Equal(end, (await log.AppendAsync(Batches.Make(2, "more"))).Single());
        Assert.Equal(end + 2, log.EndOffset);
        Assert.DoesNotContain(lines, l => l.Contains("cut") || l.Contains("rebuilding"));
    }

    [Fact]
    public async Task An_unclean_reopen_keeps_everything()
    {
        using var dir = new TempDirectory();
        var all = await Fill(dir, clean: false, segmentSize: 600);
        Assert.False(File.Exists(Path.Combine(dir.Path, "clean-shutdown")));
        var lines = new List<string>();

        await using var store = LogStore.Open(dir.Path, Batches.Options(lines));

        var log = store.GetPartition("t", 0);
        Assert.Equal(all, log.Read(0, int.MaxValue).ToArray());
        Assert.Contains(lines, l => l.Contains("unclean"));
        Assert.DoesNotContain(lines, l => l.Contains("cut"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(60)]
    public async Task A_torn_tail_is_cut_to_the_last_whole_batch(int bytesLost)
    {
        using var dir = new TempDirectory();
        var all = await Fill(dir, clean: false);
        string path = ActiveLog(dir);
        using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(file.Length - bytesLost);
        }
        var lines = new List<string>();

        await using var store = LogStore.Open(dir.Path, Batches.Options(lines));

        var log = store.GetPartition("t", 0);
        long keep = LastBatchStart(all);
        Assert.Equal(LastBatchBase(all), log.EndOffset);
        Assert.Equal(all.AsSpan(0, (int)keep).ToArray(), log.Read(0, int.MaxValue).ToArray());
        Assert.Equal(keep, new FileInfo(path).Length);
        Assert.Contains(lines, l => l.Contains($"cut {all.Length - bytesLost - keep} bytes") && l.Contains(path));
        Assert.Equal(LastBatchBase(all), (await log.AppendAsync(Batches.Make(1, "after"))).Single());
    }

    [Fact]
    public async Task Garbage_after_the_last_batch_is_cut()
    {
        using var dir = new TempDirectory();
        var all = await Fill(dir, clean: false);
        string path = ActiveLog(dir);
        var garbage = new byte[100];
        new Random(7).NextBytes(garbage);
        using (var file = new FileStream(path, FileMode.Append))
        {
            file.Write(garbage);
        }
        var lines = new List<string>();

        await using var store = LogStore.Open(dir.Path, Batches.Options(lines));

        var log = store.GetPartition("t", 0);
        Assert.Equal(all, log.Read(0, int.MaxValue).ToArray());
        Assert.Equal(all.Length, new FileInfo(path).Length);
        Assert.Contains(lines, l => l.Contains("cut 100 bytes"));
    }

    [Fact]
    public async Task A_flipped_bit_in_the_last_batch_cuts_that_batch()
    {
        using var dir = new TempDirectory();
        var all = await Fill(dir, clean: false);
        string path = ActiveLog(dir);
        var bytes = File.ReadAllBytes(path);
        bytes[^3] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        var lines = new List<string>();

        await using var store = LogStore.Open(dir.Path, Batches.Options(lines));

        var log = store.GetPartition("t", 0);
        long keep = LastBatchStart(all);
        Assert.Equal(all.AsSpan(0, (int)keep).ToArray(), log.Read(0, int.MaxValue).ToArray());
        Assert.Equal(LastBatchBase(all), log.EndOffset);
        Assert.Contains(lines, l => l.Contains("cut") && l.Contains("CRC"));
    }

    [Fact]
    public async Task A_batch_whose_offsets_do_not_follow_on_is_cut()
    {
        using var dir = new TempDirectory();
        var all = await Fill(dir, clean: false);
        string path = ActiveLog(dir);
        var bytes = File.ReadAllBytes(path);
        // The CRC does not cover the base offset, so only the density check can catch this.
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan((int)LastBatchStart(all)), LastBatchBase(all) + 5);
        File.WriteAllBytes(path, bytes);
        var lines = new List<string>();

        await using var store = LogStore.Open(dir.Path, Batches.Options(lines));

        Assert.Equal(LastBatchBase(all), store.GetPartition("t", 0).EndOffset);
        Assert.Contains(lines, l => l.Contains("cut") && l.Contains("expected"));
    }

    [Theory]
    [InlineData("delete", true)]
    [InlineData("zero", true)]
    [InlineData("truncate", true)]
    [InlineData("garbage", true)]
    [InlineData("delete", false)]
    [InlineData("zero", false)]
    public async Task Damaged_indexes_are_rebuilt_and_lookups_stay_correct(string damage, bool clean)
    {
        using var dir = new TempDirectory();
        var options = Batches.Options() with { IndexIntervalBytes = 128 };
        var all = await Fill(dir, clean, batches: 60, segmentSize: 2000, options: options);
        var indexes = Directory.GetFiles(PartitionDir(dir), "*.index");
        Assert.True(indexes.Length >= 3);
        foreach (string index in indexes)
        {
            long length = new FileInfo(index).Length;
            switch (damage)
            {
                case "delete":
                    File.Delete(index);
                    break;
                case "zero":
                    File.WriteAllBytes(index, new byte[length]);
                    break;
                case "truncate":
                    using (var file = new FileStream(index, FileMode.Open))
                    {
                        file.SetLength(length / 2 + 3);
                    }
                    break;
                case "garbage":
                    var noise = new byte[length];
                    new Random(1).NextBytes(noise);
                    File.WriteAllBytes(index, noise);
                    break;
            }
        }
        var lines = new List<string>();

        await using var store = LogStore.Open(dir.Path, options with { Log = line => { lock (lines) { lines.Add(line); } } });

        var log = store.GetPartition("t", 0);
        Assert.Null(log.Fault);
        var expected = Batches.Records(all);
        Assert.Equal(expected, Batches.ReadAll(log, maxBytes: 1));
        var random = new Random(42);
        for (int i = 0; i < 200; i++)
        {
            int at = random.Next(expected.Count);
            var chunk = Batches.Records(log.Read(expected[at].Offset, 1));
            Assert.Contains(expected[at], chunk);
            Assert.True(chunk[0].Offset <= expected[at].Offset);
        }
        if (clean)
        {
            Assert.Contains(lines, l => l.Contains("rebuilding index"));
        }
        Assert.All(Directory.GetFiles(PartitionDir(dir), "*.log").Order().ToArray()[..^1], path => Assert.True(File.Exists(Path.ChangeExtension(path, ".index"))));
    }

    [Fact]
    public async Task Damage_in_a_sealed_segment_fences_only_that_partition()
    {
        using var dir = new TempDirectory();
        var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("t", partitions: 2, segmentSize: 600));
        store.CreateTopic(Batches.Topic("other"));
        for (int i = 0; i < 12; i++)
        {
            await store.GetPartition("t", 0).AppendAsync(Batches.Make(2, $"p0-{i}", valueSize: 40));
            await store.GetPartition("t", 1).AppendAsync(Batches.Make(2, $"p1-{i}", valueSize: 40));
            await store.GetPartition("other", 0).AppendAsync(Batches.Make(2, $"o-{i}", valueSize: 40));
        }
        var partition1 = store.GetPartition("t", 1).Read(0, int.MaxValue).ToArray();
        store.Abandon();
        var sealedLogs = Directory.GetFiles(PartitionDir(dir), "*.log").Order().ToArray();
        Assert.True(sealedLogs.Length >= 3);
        string damaged = sealedLogs[1];
        long length = new FileInfo(damaged).Length;
        File.Delete(Path.ChangeExtension(damaged, ".index")); // force a full header walk
        using (var file = new FileStream(damaged, FileMode.Open))
        {
            file.SetLength(length - 10);
        }
        var lines = new List<string>();

        await using var reopened = LogStore.Open(dir.Path, Batches.Options(lines));

        var fenced = reopened.GetPartition("t", 0);
        Assert.NotNull(fenced.Fault);
        var read = Assert.Throws<StorageException>(() => fenced.Read(0, 100));
        Assert.Equal(FluvioErrorCode.StorageFailure, read.Error);
        Assert.Contains(damaged, read.Message);
        var append = await Assert.ThrowsAsync<StorageException>(async () => await fenced.AppendAsync(Batches.Make(1, "x")));
        Assert.Equal(FluvioErrorCode.StorageFailure, append.Error);
        Assert.Contains(lines, l => l.Contains("fenced"));
        // Nothing was cut: the later, acknowledged segments are still on disk untouched.
        Assert.Equal(length - 10, new FileInfo(damaged).Length);
        Assert.Equal(sealedLogs, Directory.GetFiles(PartitionDir(dir), "*.log").Order().ToArray());
        // The rest of the store works.
        Assert.Equal(partition1, reopened.GetPartition("t", 1).Read(0, int.MaxValue).ToArray());
        Assert.Equal(24, (await reopened.GetPartition("other", 0).AppendAsync(Batches.Make(1, "x"))).Single());
    }

    [Fact]
    public async Task A_missing_segment_in_the_middle_fences_the_partition()
    {
        using var dir = new TempDirectory();
        await Fill(dir, clean: true, segmentSize: 600);
        var logs = Directory.GetFiles(PartitionDir(dir), "*.log").Order().ToArray();
        Assert.True(logs.Length >= 3);
        File.Delete(logs[1]);

        await using var store = LogStore.Open(dir.Path, Batches.Options());

        var ex = Assert.Throws<StorageException>(() => store.GetPartition("t", 0).Read(0, 100));
        Assert.Equal(FluvioErrorCode.StorageFailure, ex.Error);
        Assert.Contains("starts at offset", ex.Message);
    }

    [Fact]
    public async Task A_clean_marker_with_a_torn_active_segment_still_cuts_the_tail()
    {
        using var dir = new TempDirectory();
        var all = await Fill(dir, clean: true);
        string path = ActiveLog(dir);
        using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(file.Length - 3);
        }
        var lines = new List<string>();

        await using var store = LogStore.Open(dir.Path, Batches.Options(lines));

        Assert.Equal(LastBatchBase(all), store.GetPartition("t", 0).EndOffset);
        Assert.Contains(lines, l => l.Contains("cut"));
    }
}
