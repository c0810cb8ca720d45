using System.Text;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;

namespace Fluvio.Bench.Micro;

/// <summary>
/// The inputs the benchmarks share, built with the real encoder so they are batches as a
/// producer sends them. Values are text that varies like log lines, so the codecs have something
/// realistic to compress (random bytes would not compress, repeated ones too well).
/// </summary>
public static class Samples
{
    public const long Timestamp = 1_700_000_000_000;

    /// <summary>A batch of <paramref name="records"/> keyless records of <paramref name="valueBytes"/> bytes.</summary>
    public static byte[] Batch(int records, int valueBytes)
    {
        var builder = new RecordBatchBuilder(CompressionCodec.None, Timestamp);
        for (int i = 0; i < records; i++)
        {
            builder.AppendKeyless(Value(i, valueBytes), Timestamp + i);
        }
        return builder.Build().ToArray();
    }

    /// <summary>A batch of 100 B records filled up to (not past) <paramref name="bytes"/> bytes.</summary>
    public static byte[] BatchOfSize(int bytes)
    {
        var builder = new RecordBatchBuilder(CompressionCodec.None, Timestamp);
        for (int i = 0; builder.UncompressedSize + RecordBatchBuilder.RecordSize(0, false, 100, i, i) <= bytes; i++)
        {
            builder.AppendKeyless(Value(i, 100), Timestamp + i);
        }
        return builder.Build().ToArray();
    }

    /// <summary>The records part of a batch (what the codecs compress), about <paramref name="bytes"/> long.</summary>
    public static byte[] RecordsPart(int bytes) => BatchOfSize(bytes)[BatchLayout.Records..];

    /// <summary>
    /// Batches of <paramref name="recordsPerBatch"/> 100 B records, concatenated up to (not past)
    /// <paramref name="bytes"/> bytes with dense offsets from 0, as a read hands them out.
    /// </summary>
    public static byte[] Batches(int bytes, int recordsPerBatch)
    {
        var output = new List<byte>();
        for (long offset = 0; ; offset += recordsPerBatch)
        {
            byte[] batch = Batch(recordsPerBatch, 100);
            if (output.Count + batch.Length > bytes)
            {
                return [.. output];
            }
            // The base offset is outside the CRC: the broker sets it the same way when it appends.
            System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(batch.AsSpan(BatchLayout.BaseOffset), offset);
            output.AddRange(batch);
        }
    }

    /// <summary>One batch compressed with <paramref name="codec"/>, of 100 B records up to about <paramref name="bytes"/> uncompressed.</summary>
    public static byte[] CompressedBatchOfSize(int bytes, CompressionCodec codec)
    {
        var builder = new RecordBatchBuilder(codec, Timestamp);
        for (int i = 0; builder.UncompressedSize + RecordBatchBuilder.RecordSize(0, false, 100, i, i) <= bytes; i++)
        {
            builder.AppendKeyless(Value(i, 100), Timestamp + i);
        }
        return builder.Build().ToArray();
    }

    /// <summary>A log-line-like value: a counter, a level, a message, padded to the length.</summary>
    public static byte[] Value(int i, int length)
    {
        string level = (i % 7) switch { 0 => "WARN", 1 => "ERROR", _ => "INFO" };
        string line = $"{{\"seq\":{i},\"level\":\"{level}\",\"host\":\"web-{i % 12:D2}\",\"msg\":\"request served in {i % 997} ms\"}}";
        var value = new byte[length];
        int written = Encoding.ASCII.GetBytes(line.AsSpan(0, Math.Min(line.Length, length)), value);
        value.AsSpan(written).Fill((byte)' ');
        return value;
    }
}
