using System.Buffers.Binary;
using Fluvio.Protocol.Compression;

namespace Fluvio.Protocol.Records;

/// <summary>Reading, checking and splitting encoded record batches (wire protocol §6).</summary>
public static class RecordBatch
{
    /// <summary>Timestamp of a record whose batch carries none (Fluvio's NO_TIMESTAMP).</summary>
    public const long NoTimestamp = -1;

    /// <summary>
    /// Checks that <paramref name="bytes"/> starts with one whole, well-formed batch whose CRC
    /// matches. On failure <paramref name="problem"/> says what is wrong, in words for a user.
    /// </summary>
    public static bool TryValidate(ReadOnlySpan<byte> bytes, out BatchHeader header, out string? problem)
    {
        if (!BatchHeader.TryRead(bytes, out header))
        {
            problem = $"a batch needs at least {BatchLayout.Records} bytes, {bytes.Length} given";
            return false;
        }
        if (header.BatchLength < BatchLayout.HeaderSize + (header.HasSchemaId ? 4 : 0))
        {
            problem = $"batch_len {header.BatchLength} is shorter than the batch header";
            return false;
        }
        if (header.TotalSize > bytes.Length)
        {
            problem = $"the batch claims {header.TotalSize} bytes but only {bytes.Length} are present";
            return false;
        }
        if (header.Magic != BatchLayout.CurrentMagic)
        {
            problem = $"unsupported batch magic {header.Magic} (expected {BatchLayout.CurrentMagic})";
            return false;
        }
        // The CRC comes before the fields it covers: when a bit flipped in transit or on disk, the
        // CRC names the cause, where a field check would name only a symptom.
        uint actual = BatchCrc.Compute(bytes[..(int)header.TotalSize]);
        if (actual != header.Crc)
        {
            problem = $"CRC-32C mismatch: the batch says 0x{header.Crc:x8}, its bytes give 0x{actual:x8}";
            return false;
        }
        if (header.LastOffsetDelta < -1)
        {
            problem = $"last_offset_delta {header.LastOffsetDelta} is negative";
            return false;
        }
        if ((int)header.Compression > (int)CompressionCodec.Zstd)
        {
            problem = $"unknown compression codec {(int)header.Compression}";
            return false;
        }
        problem = null;
        return true;
    }

    /// <summary>
    /// Splits concatenated batches into one slice per batch, reading only headers. Throws
    /// <see cref="InvalidDataException"/> when the bytes end inside a batch.
    /// </summary>
    public static List<ReadOnlyMemory<byte>> Split(ReadOnlyMemory<byte> batches)
    {
        var result = new List<ReadOnlyMemory<byte>>();
        int position = 0;
        while (position < batches.Length)
        {
            int size = (int)WholeBatchAt(batches.Span, position).TotalSize;
            result.Add(batches.Slice(position, size));
            position += size;
        }
        return result;
    }

    /// <summary>
    /// The offset after the last of concatenated batches (what a reader asks for next), or -1 when
    /// there is none; reads only headers and allocates nothing. Throws
    /// <see cref="InvalidDataException"/> when the bytes end inside a batch, as <see cref="Split"/> does.
    /// </summary>
    public static long NextOffset(ReadOnlySpan<byte> batches)
    {
        long next = -1;
        int position = 0;
        while (position < batches.Length)
        {
            var header = WholeBatchAt(batches, position);
            next = header.NextOffset;
            position += (int)header.TotalSize;
        }
        return next;
    }

    private static BatchHeader WholeBatchAt(ReadOnlySpan<byte> batches, int position)
    {
        var rest = batches[position..];
        if (!BatchHeader.TryRead(rest, out var header) || header.BatchLength < BatchLayout.HeaderSize || header.TotalSize > rest.Length)
        {
            throw new InvalidDataException($"Truncated record batch at byte {position} of {batches.Length}.");
        }
        return header;
    }

    /// <summary>
    /// The records of one batch, with absolute offsets and timestamps. Compressed batches are
    /// decompressed once; keys and values are slices, not copies.
    /// </summary>
    public static IEnumerable<BatchRecord> ReadRecords(ReadOnlyMemory<byte> batch)
    {
        if (!BatchHeader.TryRead(batch.Span, out var header) || header.TotalSize > batch.Length)
        {
            throw new InvalidDataException("Truncated record batch.");
        }
        if (header.RecordsStart > header.TotalSize)
        {
            throw new InvalidDataException($"batch_len {header.BatchLength} is shorter than the batch header.");
        }
        var part = batch[header.RecordsStart..(int)header.TotalSize];
        if (header.Compression != CompressionCodec.None)
        {
            part = BatchCompression.DecompressPart(header.Compression, part);
        }
        return ReadRecords(header, part);
    }

    private static IEnumerable<BatchRecord> ReadRecords(BatchHeader header, ReadOnlyMemory<byte> part)
    {
        if (part.Length < sizeof(int))
        {
            throw new InvalidDataException("The records part of the batch is shorter than its record count.");
        }
        int count = BinaryPrimitives.ReadInt32BigEndian(part.Span);
        int position = sizeof(int);
        for (int n = 0; n < count; n++)
        {
            var record = ReadRecord(header, part, ref position);
            yield return record;
        }
    }

    private static BatchRecord ReadRecord(BatchHeader header, ReadOnlyMemory<byte> part, ref int position)
    {
        var span = part.Span;
        long length = ReadVarint(span, ref position);
        if (length < 0 || length > span.Length - position)
        {
            throw new InvalidDataException($"A record at byte {position} runs past the end of its batch.");
        }
        int end = position + (int)length;
        position++; // attributes
        long timestampDelta = ReadVarint(span, ref position);
        long offsetDelta = ReadVarint(span, ref position);
        bool hasKey = ReadByte(span, ref position) != 0;
        ReadOnlyMemory<byte> key = default;
        if (hasKey)
        {
            key = ReadBytes(part, ref position);
        }
        var value = ReadBytes(part, ref position);
        ReadVarint(span, ref position); // header count, always 0
        if (position != end)
        {
            throw new InvalidDataException($"A record's length says it ends at byte {end}, its fields end at {position}.");
        }
        long timestamp = header.FirstTimestamp <= 0 ? NoTimestamp : header.FirstTimestamp + timestampDelta;
        return new BatchRecord(header.BaseOffset + offsetDelta, timestamp, hasKey, key, value);
    }

    private static long ReadVarint(ReadOnlySpan<byte> span, ref int position)
    {
        if (position > span.Length || !Varint.TryRead(span[position..], out long value, out int read))
        {
            throw new InvalidDataException($"Bad varint at byte {position} of a records part.");
        }
        position += read;
        return value;
    }

    private static byte ReadByte(ReadOnlySpan<byte> span, ref int position)
    {
        if (position >= span.Length)
        {
            throw new InvalidDataException("A record ends early.");
        }
        return span[position++];
    }

    private static ReadOnlyMemory<byte> ReadBytes(ReadOnlyMemory<byte> part, ref int position)
    {
        long length = ReadVarint(part.Span, ref position);
        if (length < 0 || position + length > part.Length)
        {
            throw new InvalidDataException($"A field of {length} bytes at byte {position} runs past the end of its record.");
        }
        var slice = part.Slice(position, (int)length);
        position += (int)length;
        return slice;
    }
}
