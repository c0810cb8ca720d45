using Fluvio.Protocol.Records;

namespace Fluvio.Client.Tests;

public class RequestPackerTests
{
    [Fact]
    public void Packs_several_partitions_and_keeps_each_partitions_batches_in_order()
    {
        var packer = new RequestPacker(1 << 20);
        var batches = new[] { TestBatches.Make(1), TestBatches.Make(0), TestBatches.Make(1, count: 2), TestBatches.Make(2), TestBatches.Make(0, count: 3) };
        Assert.All(batches, b => Assert.True(packer.TryAdd(b)));

        var pending = packer.Take(7, "orders");

        Assert.Equal(7UL, pending.Call.Id);
        Assert.Equal("orders", pending.Call.Topic);
        Assert.Equal([1, 0, 2], pending.Call.Partitions.Select(p => p.Partition));
        Assert.Equal([batches[0], batches[2]], pending.Entries[0].Batches);
        Assert.Equal([batches[1], batches[4]], pending.Entries[1].Batches);
        // The partition-1 entry carries its two sealed batches as encoded, in order.
        var sealedBatches = pending.Call.Partitions[0].Batches;
        Assert.Equal(2, sealedBatches.Count);
        Assert.Equal(batches[0].Build().ToArray(), sealedBatches[0].ToArray());
        Assert.Equal(batches[2].Build().ToArray(), sealedBatches[1].ToArray());
        Assert.Equal(batches.Sum(b => b.Build().Length), pending.Bytes);
        Assert.True(packer.IsEmpty);
    }

    [Fact]
    public void Stops_at_the_request_size_but_always_takes_one_batch()
    {
        var big = TestBatches.Make(0, count: 10, valueSize: 200);
        int size = big.Build().Length;
        var packer = new RequestPacker(size / 2);
        Assert.True(packer.TryAdd(big)); // alone, even past the limit
        Assert.False(packer.TryAdd(TestBatches.Make(0)));

        var exact = new RequestPacker(2 * size);
        Assert.True(exact.TryAdd(TestBatches.Make(0, count: 10, valueSize: 200)));
        Assert.True(exact.TryAdd(TestBatches.Make(1, count: 10, valueSize: 200)));
        Assert.False(exact.TryAdd(TestBatches.Make(2)));
    }

    [Fact]
    public void An_oversized_batch_travels_alone()
    {
        var packer = new RequestPacker(1 << 20);
        Assert.True(packer.TryAdd(TestBatches.Make(0)));
        var oversized = TestBatches.Make(0, valueSize: 5000, oversized: true);
        Assert.False(packer.TryAdd(oversized));
        packer.Take(1, "t");

        Assert.True(packer.TryAdd(oversized));
        Assert.False(packer.TryAdd(TestBatches.Make(1)));
        Assert.Single(packer.Take(2, "t").Batches);
    }

    [Fact]
    public void A_single_batch_is_sent_over_gRPC_without_a_copy()
    {
        var packer = new RequestPacker(1 << 20);
        var batch = TestBatches.Make(3);
        packer.TryAdd(batch);
        var rented = new List<byte[]>();
        var request = GrpcProduceMapping.ToRequest(packer.Take(1, "t").Call, null, rented);
        Assert.Empty(rented);
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(batch.Build(), out var source));
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(request.Partitions[0].Batches.Memory, out var sent));
        Assert.Same(source.Array, sent.Array);
    }

    [Fact]
    public void Over_gRPC_a_partitions_batches_are_laid_end_to_end_unchanged()
    {
        var packer = new RequestPacker(1 << 20);
        var first = TestBatches.Make(0);
        var second = TestBatches.Make(0, count: 2);
        packer.TryAdd(first);
        packer.TryAdd(second);
        var rented = new List<byte[]>();
        var request = GrpcProduceMapping.ToRequest(packer.Take(1, "t").Call, null, rented);
        var batches = Assert.Single(request.Partitions).Batches.Memory;
        // Exactly the two batches, though the pooled array under them may be longer.
        Assert.Equal(first.Build().Length + second.Build().Length, batches.Length);
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(batches, out var laid));
        Assert.Same(Assert.Single(rented), laid.Array);
        var split = RecordBatch.Split(batches);
        Assert.Equal(2, split.Count);
        Assert.Equal(first.Build().ToArray(), split[0].ToArray());
        Assert.Equal(second.Build().ToArray(), split[1].ToArray());
    }
}
