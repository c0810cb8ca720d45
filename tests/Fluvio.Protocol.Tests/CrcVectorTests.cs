using System.Buffers.Binary;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;

namespace Fluvio.Protocol.Tests;

/// <summary>The batch of wire protocol §6.4 (Fluvio's own CRC unit test): value "test", no key.</summary>
public class CrcVectorTests
{
    private const long FirstTimestamp = 1555478494747;
    private const uint ExpectedCrc = 0x554a8968;

    private static byte[] Vector() => Convert.FromHexString(
        "0000000000000000" + "0000003c" + "ffffffff" + "02" + "554a8968" + "0000" + "ffffffff"
        + "0000016a29be3e1b" + "0000016a29be3e1b" + "ffffffffffffffff" + "ffff" + "ffffffff"
        + "00000001" + "14" + "00" + "00" + "00" + "00" + "08" + "74657374" + "00");

    [Fact]
    public void Crc_of_the_vector_is_the_one_fluvio_computes()
    {
        Assert.Equal(ExpectedCrc, BatchCrc.Compute(Vector()));
    }

    [Fact]
    public void The_vector_validates_and_reads_as_one_keyless_record()
    {
        var vector = Vector();

        Assert.True(RecordBatch.TryValidate(vector, out var header, out var problem), problem);
        Assert.Equal(ExpectedCrc, header.Crc);
        var record = Assert.Single(RecordBatch.ReadRecords(vector));
        Assert.False(record.HasKey);
        Assert.Equal("test"u8.ToArray(), record.Value.ToArray());
        Assert.Equal(FirstTimestamp, record.Timestamp);
        Assert.Equal(0, record.Offset);
    }

    [Fact]
    public void Every_bit_flip_under_the_crc_is_reported_as_a_crc_mismatch()
    {
        var vector = Vector();
        // From the CRC field itself (byte 17) to the end: everything the CRC guards or is.
        for (int i = BatchLayout.Crc; i < vector.Length; i++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                var damaged = (byte[])vector.Clone();
                damaged[i] ^= (byte)(1 << bit);

                Assert.False(RecordBatch.TryValidate(damaged, out _, out var problem), $"byte {i} bit {bit}");
                Assert.Contains("CRC", problem);
            }
        }
    }

    [Fact]
    public void The_base_offset_is_outside_the_crc()
    {
        var vector = Vector();
        BatchHeader.WriteBaseOffset(vector, 123_456);

        Assert.True(RecordBatch.TryValidate(vector, out var header, out var problem), problem);
        Assert.Equal(123_456, header.BaseOffset);
    }

    [Fact]
    public void The_builder_writes_the_vector_except_for_last_offset_delta()
    {
        var builder = new RecordBatchBuilder(CompressionCodec.None, FirstTimestamp);
        builder.AppendKeyless("test"u8, FirstTimestamp);
        var built = builder.Build().ToArray();
        var vector = Vector();

        // Fluvio's unit test builds its batch by hand and leaves last_offset_delta at its default
        // of -1 although the batch holds one record; a producer (Fluvio's and ours) writes
        // count - 1 = 0. That field, and so the CRC over it, are the only differences.
        Assert.Equal(-1, BinaryPrimitives.ReadInt32BigEndian(vector.AsSpan(BatchLayout.LastOffsetDelta)));
        Assert.Equal(0, BinaryPrimitives.ReadInt32BigEndian(built.AsSpan(BatchLayout.LastOffsetDelta)));
        Assert.Equal(vector.Length, built.Length);
        Assert.Equal(vector[..BatchLayout.Crc], built[..BatchLayout.Crc]);
        Assert.Equal(vector[BatchLayout.Attributes..BatchLayout.LastOffsetDelta], built[BatchLayout.Attributes..BatchLayout.LastOffsetDelta]);
        Assert.Equal(vector[BatchLayout.FirstTimestamp..], built[BatchLayout.FirstTimestamp..]);
        Assert.True(RecordBatch.TryValidate(built, out _, out var problem), problem);

        // Writing -1 there and recomputing the CRC gives the vector byte for byte.
        BinaryPrimitives.WriteInt32BigEndian(built.AsSpan(BatchLayout.LastOffsetDelta), -1);
        BinaryPrimitives.WriteUInt32BigEndian(built.AsSpan(BatchLayout.Crc), BatchCrc.Compute(built));
        Assert.Equal(vector, built);
    }
}
