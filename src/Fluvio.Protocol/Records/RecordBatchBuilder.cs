using System.Buffers;
using System.Buffers.Binary;
using Fluvio.Protocol.Compression;

namespace Fluvio.Protocol.Records;

/// <summary>
/// Encodes records straight into one Fluvio record batch (wire protocol §6): the producer
/// builds each batch once and the bytes then travel unchanged to disk and back to consumers.
/// Single use: append records, then <see cref="Build"/>.
/// </summary>
public sealed class RecordBatchBuilder
{
    // Header, then the i32 record count; records follow.
    private const int RecordsPartStart = BatchLayout.Records + sizeof(int);

    private readonly ArrayBufferWriter<byte> _buffer;
    private readonly CompressionCodec _codec;
    private readonly long _firstTimestamp;
    private long _maxTimestampDelta;
    private bool _built;

    public RecordBatchBuilder(CompressionCodec codec, long firstTimestampMs, int initialCapacity = 16 * 1024)
    {
        _codec = codec;
        _firstTimestamp = firstTimestampMs;
        _buffer = new ArrayBufferWriter<byte>(Math.Max(initialCapacity, RecordsPartStart + 16));
        _buffer.Advance(RecordsPartStart);
    }

    public int Count { get; private set; }

    /// <summary>Bytes of the batch so far, before compression.</summary>
    public int UncompressedSize => _buffer.WrittenCount;

    /// <summary>Bytes one record adds to a batch, its length prefix included.</summary>
    public static int RecordSize(int keyLength, bool hasKey, int valueLength, long timestampDelta, int offsetDelta)
    {
        int body = BodySize(keyLength, hasKey, valueLength, timestampDelta, offsetDelta);
        return Varint.SizeOf(body) + body;
    }

    public void Append(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, long timestampMs) =>
        AppendRecord(key, hasKey: true, value, timestampMs);

    public void AppendKeyless(ReadOnlySpan<byte> value, long timestampMs) =>
        AppendRecord([], hasKey: false, value, timestampMs);

    private void AppendRecord(ReadOnlySpan<byte> key, bool hasKey, ReadOnlySpan<byte> value, long timestampMs)
    {
        if (_built)
        {
            throw new InvalidOperationException("The batch has been built already.");
        }
        // Fluvio's producer stamps deltas from the batch's creation time, never negative.
        long timestampDelta = Math.Max(0, timestampMs - _firstTimestamp);
        int offsetDelta = Count;
        int body = BodySize(key.Length, hasKey, value.Length, timestampDelta, offsetDelta);
        var span = _buffer.GetSpan(Varint.MaxLength + body);
        int i = Varint.Write(span, body);
        span[i++] = 0; // attributes
        i += Varint.Write(span[i..], timestampDelta);
        i += Varint.Write(span[i..], offsetDelta);
        if (hasKey)
        {
            span[i++] = 1;
            i += Varint.Write(span[i..], key.Length);
            key.CopyTo(span[i..]);
            i += key.Length;
        }
        else
        {
            span[i++] = 0;
        }
        i += Varint.Write(span[i..], value.Length);
        value.CopyTo(span[i..]);
        i += value.Length;
        span[i++] = 0; // header count: Fluvio records carry none
        _buffer.Advance(i);
        Count++;
        _maxTimestampDelta = Math.Max(_maxTimestampDelta, timestampDelta);
    }

    /// <summary>
    /// Finishes the batch: compresses the records part when a codec is set, fills the header and
    /// the CRC. The base offset is 0; the broker assigns the real one.
    /// </summary>
    public ReadOnlyMemory<byte> Build()
    {
        if (_built)
        {
            throw new InvalidOperationException("The batch has been built already.");
        }
        _built = true;
        var uncompressed = _buffer.WrittenMemory;
        byte[] batch;
        int length;
        if (_codec == CompressionCodec.None)
        {
            batch = ArrayOf(uncompressed);
            length = uncompressed.Length;
            BinaryPrimitives.WriteInt32BigEndian(batch.AsSpan(BatchLayout.Records), Count);
        }
        else
        {
            var records = uncompressed.Span[BatchLayout.Records..].ToArray();
            BinaryPrimitives.WriteInt32BigEndian(records, Count);
            var output = new ArrayBufferWriter<byte>(BatchLayout.Records + records.Length / 2 + 64);
            output.Advance(BatchLayout.Records);
            BatchCompression.Compress(_codec, records, output);
            batch = ArrayOf(output.WrittenMemory);
            length = output.WrittenCount;
        }
        WriteHeader(batch.AsSpan(0, length));
        return batch.AsMemory(0, length);
    }

    private void WriteHeader(Span<byte> batch)
    {
        BinaryPrimitives.WriteInt64BigEndian(batch[BatchLayout.BaseOffset..], 0);
        BinaryPrimitives.WriteInt32BigEndian(batch[BatchLayout.BatchLength..], batch.Length - BatchLayout.PrefixSize);
        BinaryPrimitives.WriteInt32BigEndian(batch[BatchLayout.PartitionLeaderEpoch..], -1);
        batch[BatchLayout.Magic] = BatchLayout.CurrentMagic;
        BinaryPrimitives.WriteInt16BigEndian(batch[BatchLayout.Attributes..], (short)_codec);
        BinaryPrimitives.WriteInt32BigEndian(batch[BatchLayout.LastOffsetDelta..], Count - 1);
        BinaryPrimitives.WriteInt64BigEndian(batch[BatchLayout.FirstTimestamp..], _firstTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(batch[BatchLayout.MaxTimestamp..], _firstTimestamp + _maxTimestampDelta);
        BinaryPrimitives.WriteInt64BigEndian(batch[BatchLayout.ProducerId..], -1);
        BinaryPrimitives.WriteInt16BigEndian(batch[BatchLayout.ProducerEpoch..], -1);
        BinaryPrimitives.WriteInt32BigEndian(batch[BatchLayout.FirstSequence..], -1);
        BinaryPrimitives.WriteUInt32BigEndian(batch[BatchLayout.Crc..], BatchCrc.Compute(batch));
    }

    private static int BodySize(int keyLength, bool hasKey, int valueLength, long timestampDelta, int offsetDelta) =>
        1 // attributes
        + Varint.SizeOf(timestampDelta)
        + Varint.SizeOf(offsetDelta)
        + 1 + (hasKey ? Varint.SizeOf(keyLength) + keyLength : 0)
        + Varint.SizeOf(valueLength) + valueLength
        + 1; // header count

    // The writer's backing array is larger than what was written; hand out only the written part.
    private static byte[] ArrayOf(ReadOnlyMemory<byte> written) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(written, out var segment) && segment.Offset == 0
            ? segment.Array!
            : written.ToArray();
}
