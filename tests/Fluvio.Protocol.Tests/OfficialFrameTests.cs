using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;

namespace Fluvio.Protocol.Tests;

/// <summary>
/// Every batch the official client sent (ProduceRequest) or accepted (StreamFetchResponse) in the
/// captures: we must read it, find its CRC right, and write the same batch from its records.
/// </summary>
public class OfficialFrameTests
{
    public static TheoryData<string> BatchNames() => new(OfficialFrames.Batches.Keys);

    [Fact]
    public void Every_produce_request_and_stream_fetch_response_was_walked()
    {
        // The capture tool's summaries name each frame; the walker finds frames by api_key and
        // correlation id instead. Both must agree, so no frame with a batch is left out.
        Assert.Equal(OfficialFrames.Frames.Count(f => f.Summary.StartsWith("ProduceRequest ", StringComparison.Ordinal)),
            OfficialFrames.ProduceRequestCount);
        Assert.Equal(OfficialFrames.Frames.Count(f => f.Summary.StartsWith("StreamFetchResponse ", StringComparison.Ordinal)),
            OfficialFrames.StreamFetchResponseCount);
        Assert.NotEqual(0, OfficialFrames.StreamFetchResponseCount);
        Assert.Contains(OfficialFrames.Batches.Values, b => BatchCodec(b) == CompressionCodec.Gzip);
        Assert.Contains(OfficialFrames.Batches.Values, b => BatchCodec(b) == CompressionCodec.None);
    }

    [Theory]
    [MemberData(nameof(BatchNames))]
    public void Batch_validates_and_is_rebuilt_from_its_records(string name)
    {
        var original = OfficialFrames.Batches[name].ToArray();
        Assert.True(RecordBatch.TryValidate(original, out var header, out var problem), problem);
        var records = RecordBatch.ReadRecords(original).ToList();
        Assert.Equal(header.RecordCount, records.Count);
        Assert.Equal(Enumerable.Range(0, records.Count).Select(i => header.BaseOffset + i), records.Select(r => r.Offset));

        var rebuilt = Rebuild(header, records);

        Assert.True(RecordBatch.TryValidate(rebuilt, out _, out problem), problem);
        if (header.Compression == CompressionCodec.None)
        {
            Assert.Equal(Convert.ToHexString(original), Convert.ToHexString(rebuilt));
            return;
        }
        // Same records and codec, different compressed bytes: the official client deflates with
        // flate2 (miniz_oxide, gzip OS byte 255), we with the runtime's zlib (OS byte 3). So batch_len,
        // the CRC and the payload differ; every other header field and the inflated records part
        // must not.
        Assert.Equal(original[BatchLayout.PartitionLeaderEpoch..BatchLayout.Crc], rebuilt[BatchLayout.PartitionLeaderEpoch..BatchLayout.Crc]);
        Assert.Equal(original[BatchLayout.Attributes..BatchLayout.Records], rebuilt[BatchLayout.Attributes..BatchLayout.Records]);
        Assert.Equal(Convert.ToHexString(RecordsPart(original)), Convert.ToHexString(RecordsPart(rebuilt)));
    }

    /// <summary>The batch our producer writes for these records, with the original's base offset.</summary>
    private static byte[] Rebuild(BatchHeader header, List<BatchRecord> records)
    {
        var rebuilt = TestBatches.Build(header.Compression, header.FirstTimestamp, records);
        // The producer's base_offset is a placeholder (Fluvio's client writes count - 1, ours 0, the
        // server its own) and lies outside the CRC.
        BatchHeader.WriteBaseOffset(rebuilt, header.BaseOffset);
        return rebuilt;
    }

    private static CompressionCodec BatchCodec(ReadOnlyMemory<byte> batch)
    {
        Assert.True(BatchHeader.TryRead(batch.Span, out var header));
        return header.Compression;
    }

    private static byte[] RecordsPart(byte[] batch)
    {
        Assert.True(BatchHeader.TryRead(batch, out var header));
        return BatchCompression.Decompress(header.Compression, batch.AsSpan(header.RecordsStart));
    }
}
