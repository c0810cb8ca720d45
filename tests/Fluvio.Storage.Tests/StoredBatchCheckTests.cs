using Fluvio.Protocol.Records;

namespace Fluvio.Storage.Tests;

/// <summary>
/// The read path checks each stored batch's CRC once per process (its first read, or recovery's
/// scan of the active segment), and still never serves a damaged batch.
/// </summary>
public class StoredBatchCheckTests
{
    private static string PartitionDir(TempDirectory dir) => Path.Combine(dir.Path, "topics", "t", "0");

    /// <summary>Several small segments of topic "t"; stops cleanly (every segment header-walked, none CRC-checked, at the next open) or like a crash.</summary>
    private static async Task<string[]> Fill(TempDirectory dir, bool clean = true)
    {
        var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("t", segmentSize: 2000));
        var log = store.GetPartition("t", 0);
        for (int i = 0; i < 40; i++)
        {
            await log.AppendAsync(Batches.Make(3, $"b{i}", valueSize: 40));
        }
        if (clean)
        {
            await store.DisposeAsync();
        }
        else
        {
            store.Abandon();
        }
        var logs = Directory.GetFiles(PartitionDir(dir), "*.log").Order().ToArray();
        Assert.True(logs.Length >= 4, $"expected several segments, got {logs.Length}");
        return logs;
    }

    /// <summary>Flips a bit inside a record of the batch with the given index in <paramref name="path"/>; returns that batch's base offset.</summary>
    private static long FlipBitInBatch(string path, int batchIndex)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int position = 0;
        for (int i = 0; i < batchIndex; i++)
        {
            BatchHeader.TryRead(bytes.AsSpan(position), out var skipped);
            position += (int)skipped.TotalSize;
        }
        BatchHeader.TryRead(bytes.AsSpan(position), out var header);
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
        {
            file.Position = position + header.TotalSize - 3;
            file.WriteByte((byte)(bytes[position + header.TotalSize - 3] ^ 0x10));
        }
        return header.BaseOffset;
    }

    [Fact]
    public async Task Each_stored_batch_is_checked_on_its_first_read_only()
    {
        using var dir = new TempDirectory();
        await Fill(dir);
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        var log = store.GetPartition("t", 0);

        var first = Batches.ReadAll(log, maxBytes: 300);
        Assert.Equal(log.SizeBytes, log.CrcCheckedBytes);

        Assert.Equal(first, Batches.ReadAll(log, maxBytes: 300));
        Assert.Equal(first.Where(r => r.Offset >= 50), Batches.ReadAll(log, from: 50, maxBytes: 700));
        Assert.Equal(log.SizeBytes, log.CrcCheckedBytes);
    }

    [Fact]
    public async Task One_read_across_several_segments_checks_each_once()
    {
        using var dir = new TempDirectory();
        await Fill(dir);
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        var log = store.GetPartition("t", 0);

        byte[] all = log.Read(0, int.MaxValue).ToArray();
        Assert.Equal(log.SizeBytes, all.Length);
        Assert.Equal(log.SizeBytes, log.CrcCheckedBytes);
        Assert.Equal(all, log.Read(0, int.MaxValue).ToArray());
        Assert.Equal(log.SizeBytes, log.CrcCheckedBytes);
    }

    [Fact]
    public async Task Reads_that_start_in_the_middle_check_only_what_was_not_checked()
    {
        using var dir = new TempDirectory();
        await Fill(dir);
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        var log = store.GetPartition("t", 0);

        var tail = Batches.ReadAll(log, from: 60, maxBytes: 300);
        long tailChecked = log.CrcCheckedBytes;
        Assert.InRange(tailChecked, 1, log.SizeBytes - 1);

        Batches.ReadAll(log, maxBytes: 300);
        Assert.Equal(log.SizeBytes, log.CrcCheckedBytes);
        Assert.Equal(60, tail[0].Offset);
    }

    [Fact]
    public async Task Recovery_scan_of_the_active_segment_counts_as_its_check()
    {
        using var dir = new TempDirectory();
        var logs = await Fill(dir, clean: false);
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        var log = store.GetPartition("t", 0);

        Batches.ReadAll(log, maxBytes: 300);

        // The sealed segments were header-walked, the active one CRC-scanned after the crash.
        Assert.Equal(log.SizeBytes - new FileInfo(logs[^1]).Length, log.CrcCheckedBytes);
    }

    [Fact]
    public async Task A_flipped_bit_in_a_sealed_segment_is_not_served_even_after_the_batches_before_it_were()
    {
        using var dir = new TempDirectory();
        var logs = await Fill(dir);
        long damagedAt = FlipBitInBatch(logs[1], 1);
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        var log = store.GetPartition("t", 0);

        // One batch per read: everything before the damaged batch is served (and remembered as checked).
        long offset = 0;
        while (offset < damagedAt)
        {
            offset = Batches.Records(log.Read(offset, 1))[^1].Offset + 1;
        }
        var read = Assert.Throws<StorageException>(() => log.Read(offset, 1));

        Assert.Equal(FluvioErrorCode.StorageFailure, read.Error);
        Assert.Contains("CRC-32C mismatch", read.Message);
        Assert.NotNull(log.Fault);
        // Fenced: not even the batches already checked are served now.
        Assert.Throws<StorageException>(() => log.Read(0, 1));
    }

    [Fact]
    public async Task A_bit_flipped_under_a_running_store_where_no_read_has_been_is_caught_on_the_first_read_there()
    {
        using var dir = new TempDirectory();
        var logs = await Fill(dir);
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        var log = store.GetPartition("t", 0);
        Assert.True(Segment.TryParseStem(Path.GetFileNameWithoutExtension(logs[2]), out long thirdBase));
        long offset = 0;
        while (offset < thirdBase)
        {
            offset = Batches.Records(log.Read(offset, 1))[^1].Offset + 1;
        }

        long damagedAt = FlipBitInBatch(logs[2], 0);
        Assert.Equal(thirdBase, damagedAt);

        var read = Assert.Throws<StorageException>(() => log.Read(0, int.MaxValue));
        Assert.Contains("CRC-32C mismatch", read.Message);
        Assert.Contains($"offset {damagedAt}", read.Message);
    }

    [Fact]
    public void Verified_ranges_merge_and_answer_where_checking_starts()
    {
        var ranges = new VerifiedRanges();
        ranges.Add(100, 200);
        ranges.Add(300, 400);
        Assert.Equal(2, ranges.Count);
        Assert.Equal(50, ranges.VerifiedUpTo(50, 500));
        Assert.Equal(200, ranges.VerifiedUpTo(100, 500));
        Assert.Equal(200, ranges.VerifiedUpTo(150, 500));
        Assert.Equal(180, ranges.VerifiedUpTo(150, 180));
        Assert.Equal(200, ranges.VerifiedUpTo(200, 500));
        Assert.Equal(400, ranges.VerifiedUpTo(350, 500));

        ranges.Add(200, 300); // touches both: one range
        Assert.Equal(1, ranges.Count);
        Assert.Equal(400, ranges.VerifiedUpTo(100, 500));
        ranges.Add(0, 50);
        ranges.Add(40, 120);
        Assert.Equal(1, ranges.Count);
        Assert.Equal(400, ranges.VerifiedUpTo(0, 1000));
    }

    [Fact]
    public void Verified_ranges_stop_remembering_new_islands_past_their_bound()
    {
        var ranges = new VerifiedRanges();
        for (int i = 0; i < VerifiedRanges.MaxRanges + 10; i++)
        {
            ranges.Add(i * 100L, i * 100L + 10);
        }
        Assert.Equal(VerifiedRanges.MaxRanges, ranges.Count);
        long beyond = (VerifiedRanges.MaxRanges + 5) * 100L;
        Assert.Equal(beyond, ranges.VerifiedUpTo(beyond, beyond + 10));
        // Growing a remembered range still works.
        ranges.Add(10, 100);
        Assert.Equal(VerifiedRanges.MaxRanges - 1, ranges.Count);
        Assert.Equal(110, ranges.VerifiedUpTo(0, 1000));
    }
}
