using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;

namespace Fluvio.Protocol.Tests;

/// <summary>How the builder lays out one record (wire protocol §6.3).</summary>
public class RecordEncodingTests
{
    [Fact]
    public void Dog_with_offset_delta_1_encodes_as_in_fluvios_unit_test()
    {
        // fluvio-protocol's test_decode_encode_record: value "dog", no key, offset_delta 1.
        var dog = Convert.FromHexString("120000020006646f6700");
        var builder = new RecordBatchBuilder(CompressionCodec.None, firstTimestampMs: 1000);
        builder.AppendKeyless("first"u8, 1000);
        builder.AppendKeyless("dog"u8, 1000);

        var batch = builder.Build().ToArray();

        // The second record is the last thing in an uncompressed batch.
        Assert.Equal(dog, batch[^dog.Length..]);
        Assert.Equal(RecordBatchBuilder.RecordSize(0, false, 3, 0, 1), dog.Length);
    }

    [Fact]
    public void Null_key_and_empty_key_are_distinct_on_the_wire()
    {
        var builder = new RecordBatchBuilder(CompressionCodec.None, firstTimestampMs: 1000);
        builder.AppendKeyless("v"u8, 1000);
        builder.Append([], "v"u8, 1000);

        var batch = builder.Build().ToArray();

        // After the record count: length 7, attributes, ts delta, offset delta 0, key absent (00),
        // value "v", no headers; then length 8, ..., offset delta 1, key present (01) of length 0, ...
        Assert.Equal("00000002" + "0E00000000027600" + "100000020100027600",
            Convert.ToHexString(batch, BatchLayout.Records, batch.Length - BatchLayout.Records));
        var records = RecordBatch.ReadRecords(batch).ToList();
        Assert.False(records[0].HasKey);
        Assert.True(records[1].HasKey);
        Assert.True(records[1].Key.IsEmpty);
    }
}
