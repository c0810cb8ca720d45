using System.Text;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;

namespace Fluvio.Protocol.Tests;

/// <summary>Batches we build come back record for record, with every codec.</summary>
public class RoundTripTests
{
    private const long FirstTimestamp = 1_700_000_000_000;

    [Theory]
    [MemberData(nameof(TestCodecs.All), MemberType = typeof(TestCodecs))]
    public void Mixed_records_come_back_unchanged(CompressionCodec codec)
    {
        var sent = MixedRecords();

        var batch = TestBatches.Build(codec, FirstTimestamp, sent);

        Assert.True(RecordBatch.TryValidate(batch, out var header, out var problem), problem);
        Assert.Equal(codec, header.Compression);
        Assert.Equal(sent.Count - 1, header.LastOffsetDelta);
        Assert.Equal(sent[^1].Timestamp, header.MaxTimestamp);
        var read = RecordBatch.ReadRecords(batch).ToList();
        Assert.Equal(sent.Count, read.Count);
        for (int i = 0; i < sent.Count; i++)
        {
            Assert.Equal(sent[i].Offset, read[i].Offset);
            Assert.Equal(sent[i].Timestamp, read[i].Timestamp);
            Assert.Equal(sent[i].HasKey, read[i].HasKey);
            Assert.Equal(sent[i].Key.ToArray(), read[i].Key.ToArray());
            Assert.Equal(sent[i].Value.ToArray(), read[i].Value.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(TestCodecs.CompressingOnly), MemberType = typeof(TestCodecs))]
    public void Repetitive_records_compress_to_less_than_half(CompressionCodec codec)
    {
        var sent = Enumerable.Range(0, 500).Select(i => Keyless(i, $"GET /api/orders/{i % 10} 200 OK")).ToList();

        int raw = TestBatches.Build(CompressionCodec.None, FirstTimestamp, sent).Length;
        int compressed = TestBatches.Build(codec, FirstTimestamp, sent).Length;

        Assert.True(compressed < raw / 2, $"{codec}: {compressed} bytes, raw {raw}");
    }

    [Fact]
    public void Split_cuts_concatenated_batches_apart()
    {
        var batches = new[]
        {
            TestBatches.Build(CompressionCodec.None, FirstTimestamp, [Keyless(0, "a"), Keyless(1, "b")]),
            TestBatches.Build(CompressionCodec.Gzip, FirstTimestamp, [Keyless(0, "c")]),
            TestBatches.Build(CompressionCodec.Zstd, FirstTimestamp, [Keyless(0, "d"), Keyless(1, "e")]),
        };
        BatchHeader.WriteBaseOffset(batches[1], 2);
        BatchHeader.WriteBaseOffset(batches[2], 3);

        var split = RecordBatch.Split(Concat(batches));

        Assert.Equal(batches.Select(Convert.ToHexString), split.Select(b => Convert.ToHexString(b.Span)));
        var records = split.SelectMany(RecordBatch.ReadRecords).ToList();
        Assert.Equal([0L, 1, 2, 3, 4], records.Select(r => r.Offset));
        Assert.Equal("abcde", string.Concat(records.Select(r => Encoding.UTF8.GetString(r.Value.Span))));
    }

    [Fact]
    public void NextOffset_is_the_offset_after_the_last_batch_and_minus_one_for_none()
    {
        var first = TestBatches.Build(CompressionCodec.None, FirstTimestamp, [Keyless(0, "a"), Keyless(1, "b")]);
        var second = TestBatches.Build(CompressionCodec.Gzip, FirstTimestamp, [Keyless(0, "c"), Keyless(1, "d"), Keyless(2, "e")]);
        BatchHeader.WriteBaseOffset(first, 40);
        BatchHeader.WriteBaseOffset(second, 42);
        var both = Concat([first, second]);

        Assert.Equal(45, RecordBatch.NextOffset(both));
        Assert.Equal(42, RecordBatch.NextOffset(first));
        Assert.Equal(-1, RecordBatch.NextOffset(ReadOnlySpan<byte>.Empty));
        Assert.Throws<InvalidDataException>(() => RecordBatch.NextOffset(both.AsSpan(0, both.Length - 1)));
    }

    [Fact]
    public void Split_of_nothing_is_no_batches()
    {
        Assert.Empty(RecordBatch.Split(ReadOnlyMemory<byte>.Empty));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(11)] // inside batch_len
    [InlineData(12)] // the prefix only
    [InlineData(56)] // the header but not its last byte
    [InlineData(57)] // the header only
    [InlineData(-1)] // all but the last byte
    public void Split_throws_when_the_last_batch_is_cut(int keep)
    {
        var first = TestBatches.Build(CompressionCodec.None, FirstTimestamp, [Keyless(0, "whole")]);
        var last = TestBatches.Build(CompressionCodec.Snappy, FirstTimestamp, [Keyless(0, new string('x', 100))]);
        int kept = keep > 0 ? keep : last.Length + keep;

        var cut = Concat([first, last[..kept]]);

        Assert.Throws<InvalidDataException>(() => RecordBatch.Split(cut));
    }

    /// <summary>Null and empty keys, empty and binary values, a 1 MiB value, and many small records.</summary>
    private static List<BatchRecord> MixedRecords()
    {
        var allBytes = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        var sent = new List<BatchRecord>
        {
            Keyless(0, "no key"),
            Record(1, 0, hasKey: true, [], "empty key"u8.ToArray()),
            Record(2, 1, hasKey: true, "empty value"u8.ToArray(), []),
            Record(3, 1, hasKey: false, [], []),
            Record(4, 2, hasKey: true, allBytes, allBytes.Reverse().ToArray()),
            Record(5, 3, hasKey: true, "big"u8.ToArray(), CodecSamples.Noise(1 << 20, seed: 0x9E3779B9)),
        };
        for (int i = sent.Count; i < 1000; i++)
        {
            var key = Encoding.UTF8.GetBytes($"key-{i % 7}");
            sent.Add(Record(i, 4 + i / 100, hasKey: i % 3 != 0, i % 3 != 0 ? key : [], Encoding.UTF8.GetBytes($"value {i}")));
        }
        return sent;
    }

    private static BatchRecord Keyless(int offset, string value) =>
        Record(offset, 0, hasKey: false, [], Encoding.UTF8.GetBytes(value));

    private static BatchRecord Record(int offset, long timestampDelta, bool hasKey, byte[] key, byte[] value) =>
        new(offset, FirstTimestamp + timestampDelta, hasKey, key, value);

    private static byte[] Concat(IEnumerable<byte[]> parts) => parts.SelectMany(p => p).ToArray();
}
