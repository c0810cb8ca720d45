using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;

namespace Fluvio.Protocol.Tests;

/// <summary>The gzip batch the official client produced in wire protocol §9.6.</summary>
public class CapturedGzipBatchTests
{
    private const string ProduceRequest =
        "0000009d00000017000000010006666c7576696f000001000005dc000000010008677a2d746f70696300000001"
        + "000000000000006800000000000000000000005cffffffff0216b78b5c000100000000000001a20dce794b0000"
        + "01a20dce794bffffffffffffffffffffffffffff1f8b08000000000000ff63606060346000125cd9a995ba8612"
        + "19a93939f90a6939a56599f90c0022d5d8771d00000000000000";

    private const string InflatedRecordsPart = "0000000130000000010a6b65792d311868656c6c6f20666c7576696f00";

    private static byte[] Batch()
    {
        var set = Assert.Single(FrameWalker.ProduceRequest(Convert.FromHexString(ProduceRequest)));
        Assert.Equal("gz-topic", set.Topic);
        return Assert.Single(RecordBatch.Split(set.Batches)).ToArray();
    }

    [Fact]
    public void Header_says_gzip_and_the_crc_holds()
    {
        var batch = Batch();

        Assert.True(RecordBatch.TryValidate(batch, out var header, out var problem), problem);
        Assert.Equal(CompressionCodec.Gzip, header.Compression);
        Assert.Equal(92, header.BatchLength); // 45 + a 47-byte gzip member
    }

    [Fact]
    public void The_gzip_member_inflates_to_count_and_records()
    {
        var batch = Batch();

        var part = BatchCompression.Decompress(CompressionCodec.Gzip, batch.AsSpan(BatchLayout.Records));

        Assert.Equal(InflatedRecordsPart, Convert.ToHexString(part), ignoreCase: true);
    }

    [Fact]
    public void Reads_one_record_key_1_hello_fluvio()
    {
        var record = Assert.Single(RecordBatch.ReadRecords(Batch()));

        Assert.True(record.HasKey);
        Assert.Equal("key-1"u8.ToArray(), record.Key.ToArray());
        Assert.Equal("hello fluvio"u8.ToArray(), record.Value.ToArray());
        Assert.Equal(0x1a20dce794bL, record.Timestamp);
    }
}
