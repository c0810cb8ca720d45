using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;

namespace Fluvio.Client.Tests;

public class BatchAccumulatorTests
{
    private const long T0 = 1_700_000_000_000;
    private readonly List<ProducerBatch> _sealed = [];

    private BatchAccumulator Make(int partitions = 2, int batchSize = 200, CompressionCodec codec = CompressionCodec.None) =>
        new(partitions, batchSize, codec, _sealed.Add);

    private static (ProducerBatch Batch, int Index) Add(BatchAccumulator acc, int partition, int valueSize, long tick = 0, string? key = null) =>
        acc.Append(partition, key is null ? default : System.Text.Encoding.UTF8.GetBytes(key), key is not null,
            new byte[valueSize], T0 + tick, tick, valueSize + 24, out _);

    [Fact]
    public void A_record_that_would_pass_the_batch_size_seals_the_batch_first()
    {
        var acc = Make(batchSize: 200);
        var results = Enumerable.Range(0, 7).Select(_ => Add(acc, 0, 50)).ToList();

        Assert.NotEmpty(_sealed);
        foreach (var batch in _sealed)
        {
            Assert.True(batch.UncompressedSize <= 200, $"sealed batch holds {batch.UncompressedSize} bytes");
            // It was sealed because the next record did not fit.
            Assert.True(batch.UncompressedSize + batch.SizeOf(0, false, 50, T0) > 200);
        }
        // Indices restart in each batch and the records keep their order.
        Assert.Equal(Enumerable.Range(0, _sealed[0].Count), results.Take(_sealed[0].Count).Select(r => r.Index));
        Assert.Equal(0, results[_sealed[0].Count].Index);
        Assert.Equal(1, acc.OpenCount);
    }

    [Fact]
    public void A_record_bigger_than_the_batch_size_goes_alone_in_its_own_batch()
    {
        var acc = Make(batchSize: 200);
        var small = Add(acc, 0, 10);
        var big = Add(acc, 0, 500);
        var after = Add(acc, 0, 10);

        Assert.Equal([small.Batch, big.Batch], _sealed);
        Assert.True(big.Batch.Oversized);
        Assert.Equal(1, big.Batch.Count);
        Assert.Equal(0, big.Index);
        Assert.True(big.Batch.FirstRecordSize > 500);
        Assert.False(small.Batch.Oversized);
        Assert.NotSame(big.Batch, after.Batch);
        Assert.False(after.Batch.IsSealed);
    }

    [Fact]
    public void A_big_record_into_an_empty_partition_is_sealed_at_once()
    {
        var acc = Make(batchSize: 200);
        var big = Add(acc, 1, 1000);
        Assert.Equal([big.Batch], _sealed);
        Assert.Equal(0, acc.OpenCount);
    }

    [Fact]
    public void Linger_seals_only_batches_open_long_enough()
    {
        var acc = Make(partitions: 3, batchSize: 10_000);
        var p0 = Add(acc, 0, 10, tick: 0);
        var p1 = Add(acc, 1, 10, tick: 40);
        Add(acc, 0, 10, tick: 60); // joins p0's batch; does not reset its clock

        Assert.Equal(100, acc.SealExpired(nowTicks: 99, lingerMs: 100));
        Assert.Empty(_sealed);

        Assert.Equal(140, acc.SealExpired(nowTicks: 100, lingerMs: 100));
        Assert.Equal([p0.Batch], _sealed);
        Assert.Equal(2, p0.Batch.Count);

        Assert.Null(acc.SealExpired(nowTicks: 140, lingerMs: 100));
        Assert.Equal([p0.Batch, p1.Batch], _sealed);
        Assert.Equal(0, acc.OpenCount);
    }

    [Fact]
    public void SealAll_seals_every_open_batch_in_partition_order()
    {
        var acc = Make(partitions: 3, batchSize: 10_000);
        var p2 = Add(acc, 2, 10);
        var p0 = Add(acc, 0, 10);
        acc.SealAll();
        Assert.Equal([p0.Batch, p2.Batch], _sealed);
        Assert.All(_sealed, b => Assert.True(b.IsSealed));
        Assert.Null(acc.SealExpired(long.MaxValue / 2, 0));
    }

    [Theory]
    [InlineData(CompressionCodec.None)]
    [InlineData(CompressionCodec.Gzip)]
    [InlineData(CompressionCodec.Zstd)]
    public void A_built_batch_holds_the_records_in_order_with_their_keys(CompressionCodec codec)
    {
        var acc = Make(partitions: 1, batchSize: 10_000, codec: codec);
        var a = acc.Append(0, "k1"u8, true, "v1"u8, T0, 0, 30, out bool opened);
        var b = acc.Append(0, default, false, "v2"u8, T0 + 5, 5, 30, out bool openedAgain);
        var c = acc.Append(0, ""u8, true, ""u8, T0 + 7, 7, 30, out _);
        Assert.True(opened);
        Assert.False(openedAgain);
        acc.SealAll();

        var bytes = _sealed.Single().Build();
        Assert.True(RecordBatch.TryValidate(bytes.Span, out var header, out var problem), problem);
        Assert.Equal(codec, header.Compression);
        var records = RecordBatch.ReadRecords(bytes).ToList();
        Assert.Equal([a.Index, b.Index, c.Index], records.Select(r => (int)r.Offset));
        Assert.Equal("v1"u8.ToArray(), records[0].Value.ToArray());
        Assert.Equal("k1"u8.ToArray(), records[0].Key.ToArray());
        Assert.False(records[1].HasKey);
        Assert.True(records[2].HasKey);
        Assert.Equal(0, records[2].Key.Length);
        Assert.Equal([T0, T0 + 5, T0 + 7], records.Select(r => r.Timestamp));
        Assert.Equal(90, _sealed[0].BufferedBytes);
    }
}
