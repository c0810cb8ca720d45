using Fluvio.Protocol.Records;

namespace Fluvio.Storage.Tests;

public class SegmentTests
{
    [Fact]
    public async Task The_log_rolls_into_segments_named_by_base_offset_and_reads_cross_them()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options() with { IndexIntervalBytes = 256 });
        store.CreateTopic(Batches.Topic("t", segmentSize: 1000));
        var log = store.GetPartition("t", 0);
        var expected = new List<(long, string)>();
        for (int i = 0; i < 30; i++)
        {
            var batch = Batches.Make(3, $"b{i}", valueSize: 60);
            long offset = (await log.AppendAsync(batch)).Single();
            expected.AddRange(Enumerable.Range(0, 3).Select(r => (offset + r, $"b{i}-{r}".PadRight(60, '.'))));
        }

        string partitionDir = Path.Combine(dir.Path, "topics", "t", "0");
        var logs = Directory.GetFiles(partitionDir, "*.log").Order().ToArray();
        Assert.True(logs.Length > 5, $"only {logs.Length} segments");
        Assert.All(logs, path => Assert.True(new FileInfo(path).Length <= 1000));
        long nextBase = 0;
        foreach (string path in logs)
        {
            // Each file is named by the offset of its first batch, and starts with that batch.
            Assert.Equal(nextBase.ToString("D20") + ".log", Path.GetFileName(path));
            var bytes = File.ReadAllBytes(path);
            var batches = RecordBatch.Split(bytes);
            BatchHeader.TryRead(batches[0].Span, out var first);
            BatchHeader.TryRead(batches[^1].Span, out var last);
            Assert.Equal(nextBase, first.BaseOffset);
            nextBase = last.NextOffset;
        }
        // Sealed segments have their index written.
        Assert.All(logs[..^1], path => Assert.True(File.Exists(Path.ChangeExtension(path, ".index"))));

        Assert.Equal(expected, Batches.ReadAll(log, maxBytes: 1));
        Assert.Equal(expected, Batches.ReadAll(log, maxBytes: int.MaxValue));
        var across = log.Read(5, 2500);
        Assert.True(across.Length > 1000, "a large read continues into the next segments");
        Assert.Equal(expected.SkipWhile(r => r.Item1 < 3).Take(Batches.Records(across).Count), Batches.Records(across));
        for (int offset = 0; offset < expected.Count; offset += 7)
        {
            var first = Batches.Records(log.Read(offset, 1));
            Assert.Contains(expected[offset], first);
        }
    }

    [Fact]
    public async Task A_batch_larger_than_the_segment_size_is_refused()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("t", segmentSize: 200));
        var log = store.GetPartition("t", 0);

        var ex = await Assert.ThrowsAsync<StorageException>(async () => await log.AppendAsync(Batches.Make(5, "x", valueSize: 100)));

        Assert.Equal(FluvioErrorCode.RecordTooLarge, ex.Error);
        Assert.Equal(0, log.EndOffset);
    }

    [Fact]
    public async Task The_index_file_holds_big_endian_relative_offsets_and_positions()
    {
        using var dir = new TempDirectory();
        await using (var store = LogStore.Open(dir.Path, Batches.Options() with { IndexIntervalBytes = 300 }))
        {
            store.CreateTopic(Batches.Topic("t"));
            var log = store.GetPartition("t", 0);
            for (int i = 0; i < 20; i++)
            {
                await log.AppendAsync(Batches.Make(2, $"b{i}", valueSize: 50));
            }
        }
        string stem = Path.Combine(dir.Path, "topics", "t", "0", "00000000000000000000");
        var index = File.ReadAllBytes(stem + ".index");
        var data = File.ReadAllBytes(stem + ".log");
        Assert.True(index.Length >= 8 && index.Length % 8 == 0);
        long previousPosition = 0;
        for (int i = 0; i < index.Length; i += 8)
        {
            uint relative = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(index.AsSpan(i));
            uint position = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(index.AsSpan(i + 4));
            Assert.True(position - previousPosition >= 300);
            Assert.True(BatchHeader.TryRead(data.AsSpan((int)position), out var header));
            Assert.Equal(relative, header.BaseOffset);
            previousPosition = position;
        }
    }
}
