using System.Buffers.Binary;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;

namespace Fluvio.Protocol.Tests;

/// <summary>
/// Damaged bytes from a socket or a disk: readers must fail with <see cref="InvalidDataException"/>,
/// never with an IndexOutOfRange (or any other exception), never loop, never return partial data.
/// </summary>
public class MalformedBatchTests
{
    // Where the first record starts in an uncompressed batch: after the header and the i32 count.
    private const int FirstRecord = BatchLayout.Records + 4;

    [Fact]
    public void Record_length_past_the_end_throws()
    {
        var batch = Batch(CompressionCodec.None);
        batch[FirstRecord] = 0x7e; // varint 63: longer than what is left

        Assert.Throws<InvalidDataException>(() => RecordBatch.ReadRecords(batch).ToList());
    }

    [Fact]
    public void Record_length_shorter_than_its_fields_throws()
    {
        var batch = Batch(CompressionCodec.None);
        batch[FirstRecord] = 0x02; // varint 1: the record's fields take more

        Assert.Throws<InvalidDataException>(() => RecordBatch.ReadRecords(batch).ToList());
    }

    [Fact]
    public void Negative_record_length_throws()
    {
        var batch = Batch(CompressionCodec.None);
        batch[FirstRecord] = 0x01; // varint -1

        Assert.Throws<InvalidDataException>(() => RecordBatch.ReadRecords(batch).ToList());
    }

    [Fact]
    public void Varint_running_off_the_end_throws()
    {
        var batch = Batch(CompressionCodec.None);
        batch.AsSpan(FirstRecord).Fill(0xff);

        Assert.Throws<InvalidDataException>(() => RecordBatch.ReadRecords(batch).ToList());
    }

    [Fact]
    public void Record_count_beyond_the_records_throws()
    {
        var batch = Batch(CompressionCodec.None);
        BinaryPrimitives.WriteInt32BigEndian(batch.AsSpan(BatchLayout.Records), int.MaxValue);

        Assert.Throws<InvalidDataException>(() => RecordBatch.ReadRecords(batch).ToList());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(44)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Batch_len_shorter_than_the_header_throws(int batchLength)
    {
        var batch = Batch(CompressionCodec.None);
        BinaryPrimitives.WriteInt32BigEndian(batch.AsSpan(BatchLayout.BatchLength), batchLength);

        Assert.Throws<InvalidDataException>(() => RecordBatch.ReadRecords(batch).ToList());
        Assert.Throws<InvalidDataException>(() => RecordBatch.Split(batch));
        Assert.False(RecordBatch.TryValidate(batch, out _, out _));
    }

    [Fact]
    public void Unknown_codec_is_refused()
    {
        var batch = Batch(CompressionCodec.None);
        BinaryPrimitives.WriteInt16BigEndian(batch.AsSpan(BatchLayout.Attributes), 5);
        BinaryPrimitives.WriteUInt32BigEndian(batch.AsSpan(BatchLayout.Crc), BatchCrc.Compute(batch));

        Assert.False(RecordBatch.TryValidate(batch, out _, out var problem));
        Assert.Contains("compression codec 5", problem);
        Assert.Throws<InvalidDataException>(() => RecordBatch.ReadRecords(batch).ToList());
    }

    [Theory]
    [MemberData(nameof(TestCodecs.All), MemberType = typeof(TestCodecs))]
    public void Any_damaged_byte_reads_as_records_or_invalid_data(CompressionCodec codec)
    {
        var batch = Batch(codec);
        for (int i = 0; i < batch.Length; i++)
        {
            byte original = batch[i];
            foreach (byte damage in new[] { (byte)0x00, (byte)0xff, (byte)(original ^ 0x80), (byte)(original + 1) })
            {
                var damaged = (byte[])batch.Clone();
                damaged[i] = damage;
                try
                {
                    RecordBatch.ReadRecords(damaged).ToList();
                }
                catch (InvalidDataException)
                {
                    // expected for most damage
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestCodecs.CompressingOnly), MemberType = typeof(TestCodecs))]
    public void Truncated_payload_throws(CompressionCodec codec)
    {
        var payload = FluvioCodecTests.FluvioPayload("text100k", codec);
        foreach (int cut in new[] { 1, 4, 8, payload.Length / 2, payload.Length - 12 })
        {
            Assert.Throws<InvalidDataException>(() => BatchCompression.Decompress(codec, payload.AsSpan(0, payload.Length - cut)));
        }
    }

    [Fact]
    public void Snappy_reader_makes_snaps_checks()
    {
        var stream = FluvioCodecTests.FluvioPayload("records", CompressionCodec.Snappy);
        var expected = CodecSamples.Create("records");
        byte[] identifier = stream[..10], data = stream[10..];

        // Padding (0xfe) and reserved skippable chunks (0x80–0xfd) are skipped.
        Assert.Equal(expected, BatchCompression.Decompress(CompressionCodec.Snappy, [.. identifier, 0xfe, 2, 0, 0, 9, 9, .. data]));
        Assert.Equal(expected, BatchCompression.Decompress(CompressionCodec.Snappy, [.. identifier, .. data, 0x80, 1, 0, 0, 7]));
        // A reserved unskippable chunk (0x02–0x7f), a missing identifier, a wrong checksum: refused.
        Assert.Throws<InvalidDataException>(() => BatchCompression.Decompress(CompressionCodec.Snappy, [.. identifier, 0x02, 1, 0, 0, 7, .. data]));
        Assert.Throws<InvalidDataException>(() => BatchCompression.Decompress(CompressionCodec.Snappy, data));
        var badChecksum = (byte[])stream.Clone();
        badChecksum[14] ^= 1; // first byte of the data chunk's CRC
        Assert.Throws<InvalidDataException>(() => BatchCompression.Decompress(CompressionCodec.Snappy, badChecksum));
    }

    [Fact]
    public void Gzip_reader_wants_the_whole_member()
    {
        var member = FluvioCodecTests.FluvioPayload("records", CompressionCodec.Gzip);

        // Without its 4-byte length the data still inflates, but flate2 would fail: so must we.
        Assert.Throws<InvalidDataException>(() => BatchCompression.Decompress(CompressionCodec.Gzip, member.AsSpan(0, member.Length - 4)));
    }

    /// <summary>A small batch of three records with keys and values of a few bytes.</summary>
    private static byte[] Batch(CompressionCodec codec)
    {
        var builder = new RecordBatchBuilder(codec, firstTimestampMs: 1_700_000_000_000);
        builder.AppendKeyless("first"u8, 1_700_000_000_000);
        builder.Append("key"u8, "second"u8, 1_700_000_000_001);
        builder.Append([], "third"u8, 1_700_000_000_002);
        return builder.Build().ToArray();
    }
}
