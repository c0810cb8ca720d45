using System.Text;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;

namespace Fluvio.Storage.Tests;

/// <summary>A fresh directory per test, removed afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fluvio-storage-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Helpers shared by the storage tests.</summary>
public static class Batches
{
    public const long Timestamp = 1_700_000_000_000;

    /// <summary>A batch of <paramref name="count"/> records with values "<paramref name="prefix"/>-i", padded to <paramref name="valueSize"/>.</summary>
    public static ReadOnlyMemory<byte> Make(int count, string prefix, int valueSize = 0, long timestamp = Timestamp)
    {
        var builder = new RecordBatchBuilder(CompressionCodec.None, timestamp);
        for (int i = 0; i < count; i++)
        {
            builder.Append(Encoding.UTF8.GetBytes($"k{i}"), Value(prefix, i, valueSize), timestamp + i);
        }
        return builder.Build();
    }

    public static byte[] Value(string prefix, int i, int valueSize)
    {
        string text = $"{prefix}-{i}";
        return Encoding.UTF8.GetBytes(valueSize > text.Length ? text.PadRight(valueSize, '.') : text);
    }

    public static ReadOnlyMemory<byte> Concat(params ReadOnlyMemory<byte>[] parts)
    {
        var result = new byte[parts.Sum(p => p.Length)];
        int at = 0;
        foreach (var part in parts)
        {
            part.CopyTo(result.AsMemory(at));
            at += part.Length;
        }
        return result;
    }

    /// <summary>(offset, value) of every record in concatenated batches.</summary>
    public static List<(long Offset, string Value)> Records(ReadOnlyMemory<byte> batches)
    {
        var result = new List<(long, string)>();
        foreach (var batch in RecordBatch.Split(batches))
        {
            Assert.True(RecordBatch.TryValidate(batch.Span, out _, out var problem), problem);
            foreach (var record in RecordBatch.ReadRecords(batch))
            {
                result.Add((record.Offset, Encoding.UTF8.GetString(record.Value.Span)));
            }
        }
        return result;
    }

    /// <summary>Every record from <paramref name="from"/> to the end, read in steps of <paramref name="maxBytes"/>.</summary>
    public static List<(long Offset, string Value)> ReadAll(PartitionLog log, long from = -1, int maxBytes = 1 << 20)
    {
        var result = new List<(long, string)>();
        long offset = from < 0 ? log.LogStartOffset : from;
        while (offset < log.EndOffset)
        {
            var chunk = log.Read(offset, maxBytes);
            Assert.False(chunk.IsEmpty);
            var records = Records(chunk);
            result.AddRange(records.Where(r => r.Item1 >= offset));
            offset = records[^1].Item1 + 1;
        }
        return result;
    }

    public static StorageOptions Options(List<string>? log = null) => new()
    {
        Log = log is null ? null : line => { lock (log) { log.Add(line); } },
        RetentionCheckInterval = TimeSpan.FromHours(1),
    };

    public static TopicConfig Topic(string name, int partitions = 1, long segmentSize = TopicDefaults.SegmentSize) =>
        TopicConfig.Defaults with { Name = name, Partitions = partitions, SegmentSize = segmentSize };
}
