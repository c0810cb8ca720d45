using System.Buffers.Binary;
using Fluvio.Protocol.Compression;

namespace Fluvio.Protocol.Records;

/// <summary>The fixed header of one record batch, read from its first 57 bytes.</summary>
public readonly record struct BatchHeader(
    long BaseOffset,
    int BatchLength,
    byte Magic,
    uint Crc,
    short Attributes,
    int LastOffsetDelta,
    long FirstTimestamp,
    long MaxTimestamp)
{
    /// <summary>Bytes the whole batch takes, header included.</summary>
    public long TotalSize => BatchLayout.PrefixSize + (long)BatchLength;

    public int RecordCount => LastOffsetDelta + 1;

    /// <summary>Offset one past the last record of the batch.</summary>
    public long NextOffset => BaseOffset + LastOffsetDelta + 1;

    public CompressionCodec Compression => (CompressionCodec)(Attributes & BatchLayout.CompressionMask);

    public bool HasSchemaId => (Attributes & BatchLayout.SchemaIdFlag) != 0;

    /// <summary>Where the records part begins inside the batch.</summary>
    public int RecordsStart => BatchLayout.Records + (HasSchemaId ? 4 : 0);

    /// <summary>Reads the header; false when fewer than 57 bytes are given.</summary>
    public static bool TryRead(ReadOnlySpan<byte> batch, out BatchHeader header)
    {
        if (batch.Length < BatchLayout.Records)
        {
            header = default;
            return false;
        }
        header = new BatchHeader(
            BinaryPrimitives.ReadInt64BigEndian(batch[BatchLayout.BaseOffset..]),
            BinaryPrimitives.ReadInt32BigEndian(batch[BatchLayout.BatchLength..]),
            batch[BatchLayout.Magic],
            BinaryPrimitives.ReadUInt32BigEndian(batch[BatchLayout.Crc..]),
            BinaryPrimitives.ReadInt16BigEndian(batch[BatchLayout.Attributes..]),
            BinaryPrimitives.ReadInt32BigEndian(batch[BatchLayout.LastOffsetDelta..]),
            BinaryPrimitives.ReadInt64BigEndian(batch[BatchLayout.FirstTimestamp..]),
            BinaryPrimitives.ReadInt64BigEndian(batch[BatchLayout.MaxTimestamp..]));
        return true;
    }

    /// <summary>Overwrites the base offset of an encoded batch (the CRC does not cover it).</summary>
    public static void WriteBaseOffset(Span<byte> batch, long baseOffset) =>
        BinaryPrimitives.WriteInt64BigEndian(batch[BatchLayout.BaseOffset..], baseOffset);
}
