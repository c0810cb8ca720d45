using System.Buffers.Binary;
using Fluvio.Protocol.Records;

namespace Fluvio.Storage.Tests;

public class AppendReadTests
{
    [Fact]
    public async Task Appends_get_dense_offsets_and_read_back_byte_for_byte()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("t"));
        var log = store.GetPartition("t", 0);
        var sent = new List<ReadOnlyMemory<byte>>();

        for (int i = 0; i < 50; i++)
        {
            var batch = Batches.Make(i % 5 + 1, $"b{i}");
            long[] offsets = await log.AppendAsync(batch);
            Assert.Equal(sent.Sum(b => RecordCount(b)), offsets.Single());
            sent.Add(batch);
        }

        long total = sent.Sum(RecordCount);
        Assert.Equal(total, log.EndOffset);
        Assert.Equal(0, log.LogStartOffset);
        Assert.Equal(sent.Sum(b => (long)b.Length), log.SizeBytes);
        var all = log.Read(0, int.MaxValue);
        var stored = RecordBatch.Split(all);
        Assert.Equal(sent.Count, stored.Count);
        long expected = 0;
        for (int i = 0; i < sent.Count; i++)
        {
            Assert.True(RecordBatch.TryValidate(stored[i].Span, out var header, out _));
            Assert.Equal(expected, header.BaseOffset);
            // Stored bytes are the sent bytes with only the base offset changed.
            Assert.True(stored[i].Span[8..].SequenceEqual(sent[i].Span[8..]));
            expected = header.NextOffset;
        }
        Assert.Equal(Enumerable.Range(0, (int)total).Select(o => (long)o), Batches.Records(all).Select(r => r.Offset));
    }

    [Fact]
    public async Task One_append_of_several_batches_returns_one_base_offset_each()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("t"));
        var log = store.GetPartition("t", 0);

        long[] offsets = await log.AppendAsync(Batches.Concat(Batches.Make(3, "a"), Batches.Make(2, "b"), Batches.Make(1, "c")));

        Assert.Equal([0L, 3, 5], offsets);
        Assert.Equal(6, log.EndOffset);
    }

    [Fact]
    public async Task An_append_holding_a_batch_of_no_records_is_refused_whole()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("t"));
        var log = store.GetPartition("t", 0);
        var empty = new RecordBatchBuilder(Fluvio.Protocol.Compression.CompressionCodec.None, Batches.Timestamp).Build();

        // Before: accepted, each empty batch answered with the next batch's base offset (shared offsets).
        var refused = await Assert.ThrowsAsync<StorageException>(async () => await log.AppendAsync(Batches.Concat(Batches.Make(3, "a"), empty, Batches.Make(2, "b"))));
        Assert.Equal(FluvioErrorCode.InvalidBatch, refused.Error);
        Assert.Contains("Batch 1 (at byte", refused.Message);
        Assert.Contains("holds no records", refused.Message);
        Assert.Equal(0, log.EndOffset);
        Assert.Equal(FluvioErrorCode.InvalidBatch, (await Assert.ThrowsAsync<StorageException>(async () => await log.AppendAsync(empty))).Error);
    }

    [Fact]
    public async Task Concurrent_appenders_keep_each_call_contiguous_and_offsets_dense()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("t"));
        var log = store.GetPartition("t", 0);
        const int writers = 8, appendsEach = 40;

        var results = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var mine = new List<(long[] Offsets, int[] Counts, string Tag)>();
            for (int a = 0; a < appendsEach; a++)
            {
                string tag = $"w{w}a{a}";
                int[] counts = [a % 3 + 1, 2];
                var offsets = await log.AppendAsync(Batches.Concat(Batches.Make(counts[0], tag + "x"), Batches.Make(counts[1], tag + "y")));
                mine.Add((offsets, counts, tag));
            }
            return mine;
        })));

        var records = Batches.ReadAll(log);
        Assert.Equal(Enumerable.Range(0, records.Count).Select(o => (long)o), records.Select(r => r.Offset));
        var byOffset = records.ToDictionary(r => r.Offset, r => r.Value);
        foreach (var (offsets, counts, tag) in results.SelectMany(r => r))
        {
            // The two batches of one call sit next to each other, in order.
            Assert.Equal(offsets[0] + counts[0], offsets[1]);
            for (int i = 0; i < counts[0]; i++)
            {
                Assert.Equal($"{tag}x-{i}", byOffset[offsets[0] + i]);
            }
            for (int i = 0; i < counts[1]; i++)
            {
                Assert.Equal($"{tag}y-{i}", byOffset[offsets[1] + i]);
            }
        }
        // Each writer's calls were assigned in the order it made them.
        foreach (var mine in results)
        {
            Assert.True(mine.Zip(mine.Skip(1)).All(p => p.First.Offsets[0] < p.Second.Offsets[0]));
        }
    }

    [Fact]
    public async Task Reading_from_the_middle_of_a_batch_returns_the_whole_containing_batch()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("t"));
        var log = store.GetPartition("t", 0);
        await log.AppendAsync(Batches.Make(10, "first"));
        await log.AppendAsync(Batches.Make(10, "second"));

        var chunk = log.Read(14, 1);

        var records = Batches.Records(chunk);
        Assert.Equal(10, records[0].Offset);
        Assert.Equal(19, records[^1].Offset);
        Assert.Equal("second-4", records.Single(r => r.Offset == 14).Value);
    }

    [Fact]
    public async Task Reads_are_bounded_by_max_bytes_but_hold_at_least_one_batch()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("t"));
        var log = store.GetPartition("t", 0);
        var batch = Batches.Make(5, "x", valueSize: 100);
        for (int i = 0; i < 10; i++)
        {
            await log.AppendAsync(batch);
        }

        Assert.Single(RecordBatch.Split(log.Read(0, 0)));
        Assert.Single(RecordBatch.Split(log.Read(0, batch.Length)));
        Assert.Single(RecordBatch.Split(log.Read(0, 2 * batch.Length - 1)));
        var three = log.Read(12, 3 * batch.Length + 10);
        Assert.Equal(3 * batch.Length, three.Length);
        Assert.Equal(10, Batches.Records(three)[0].Offset);
        Assert.Equal(10, RecordBatch.Split(log.Read(0, int.MaxValue)).Count);
        Assert.Equal(FluvioErrorCode.InvalidArgument, Assert.Throws<StorageException>(() => log.Read(0, -1)).Error);
    }

    [Fact]
    public async Task Offsets_outside_the_log_are_out_of_range_and_the_end_reads_empty()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("t"));
        var log = store.GetPartition("t", 0);

        Assert.True(log.Read(0, 100).IsEmpty);
        await log.AppendAsync(Batches.Make(4, "x"));

        Assert.True(log.Read(4, 100).IsEmpty);
        Assert.Equal(FluvioErrorCode.OffsetOutOfRange, Assert.Throws<StorageException>(() => log.Read(5, 100)).Error);
        Assert.Equal(FluvioErrorCode.OffsetOutOfRange, Assert.Throws<StorageException>(() => log.Read(-1, 100)).Error);
    }

    [Fact]
    public async Task A_batch_over_the_limit_is_refused_and_nothing_of_the_append_is_stored()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options() with { MaxBatchBytes = 1000 });
        store.CreateTopic(Batches.Topic("t"));
        var log = store.GetPartition("t", 0);
        var big = Batches.Make(20, "big", valueSize: 100);

        var ex = await Assert.ThrowsAsync<StorageException>(async () => await log.AppendAsync(Batches.Concat(Batches.Make(1, "ok"), big)));

        Assert.Equal(FluvioErrorCode.RecordTooLarge, ex.Error);
        Assert.Contains(big.Length.ToString(), ex.Message);
        Assert.Contains("1000", ex.Message);
        Assert.Equal(0, log.EndOffset);
        Assert.Equal(0, new FileInfo(Path.Combine(dir.Path, "topics", "t", "0", "00000000000000000000.log")).Length);
    }

    [Fact]
    public async Task Invalid_batches_are_refused_with_the_problem_and_nothing_is_stored()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("t"));
        var log = store.GetPartition("t", 0);
        var good = Batches.Make(2, "good");
        var corrupt = Batches.Make(2, "bad").ToArray();
        corrupt[^2] ^= 0x01;
        var badMagic = Batches.Make(2, "magic").ToArray();
        badMagic[BatchLayout.Magic] = 1;

        foreach (var bad in new ReadOnlyMemory<byte>[] { Batches.Concat(good, corrupt), Batches.Concat(good, good[..30]), badMagic, ReadOnlyMemory<byte>.Empty })
        {
            var ex = await Assert.ThrowsAsync<StorageException>(async () => await log.AppendAsync(bad));
            Assert.Equal(FluvioErrorCode.InvalidBatch, ex.Error);
        }
        var crc = await Assert.ThrowsAsync<StorageException>(async () => await log.AppendAsync(Batches.Concat(good, corrupt)));
        Assert.Contains("CRC", crc.Message);
        Assert.Equal(0, log.EndOffset);
        Assert.Equal(new long[] { 0 }, await log.AppendAsync(good));
    }

    [Fact]
    public async Task The_producers_base_offset_is_ignored()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("t"));
        var log = store.GetPartition("t", 0);
        var batch = Batches.Make(2, "x").ToArray();
        BinaryPrimitives.WriteInt64BigEndian(batch, 12345);

        Assert.Equal(new long[] { 0 }, await log.AppendAsync(batch));
        Assert.Equal(0, BinaryPrimitives.ReadInt64BigEndian(log.Read(0, 100).Span));
    }

    [Fact]
    public async Task A_cancelled_token_refuses_before_queuing()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("t"));
        var log = store.GetPartition("t", 0);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await log.AppendAsync(Batches.Make(1, "x"), new CancellationToken(true)));
        Assert.Equal(0, log.EndOffset);
    }

    internal static long RecordCount(ReadOnlyMemory<byte> batch)
    {
        BatchHeader.TryRead(batch.Span, out var header);
        return header.RecordCount;
    }
}
