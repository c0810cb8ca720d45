namespace Fluvio.Client.Tests;

public class PartitionSelectorTests
{
    [Fact]
    public void Keyless_records_round_robin_from_partition_zero()
    {
        var selector = new PartitionSelector(3);
        Assert.Equal([0, 1, 2, 0, 1, 2, 0], Enumerable.Range(0, 7).Select(_ => selector.NextKeyless()));
    }

    [Fact]
    public void Every_new_selector_starts_again_at_zero()
    {
        var first = new PartitionSelector(4);
        first.NextKeyless();
        first.NextKeyless();
        Assert.Equal(0, new PartitionSelector(4).NextKeyless());
    }

    [Fact]
    public void Keyed_and_explicit_records_do_not_advance_the_round_robin()
    {
        var selector = new PartitionSelector(3);
        Assert.Equal(0, selector.NextKeyless());
        selector.ForKey("alice"u8);
        selector.Explicit(2, "t");
        Assert.Equal(1, selector.NextKeyless());
    }

    [Fact]
    public void Round_robin_spreads_evenly_across_threads()
    {
        var selector = new PartitionSelector(4);
        var counts = new int[4];
        Parallel.For(0, 2000, _ => Interlocked.Increment(ref counts[selector.NextKeyless()]));
        Assert.All(counts, c => Assert.Equal(500, c));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void An_explicit_partition_out_of_range_is_PartitionNotFound(int partition)
    {
        var e = Assert.Throws<FluvioException>(() => new PartitionSelector(3).Explicit(partition, "orders"));
        Assert.Equal(FluvioErrorCode.PartitionNotFound, e.Code);
        Assert.Contains("'orders' has 3 partitions", e.Message);
    }

    [Fact]
    public void After_the_topic_grows_keys_hash_over_the_new_count_and_named_partitions_past_the_old_one_are_accepted()
    {
        var selector = new PartitionSelector(1);
        Assert.Equal(0, selector.ForKey("alice"u8));
        Assert.Throws<FluvioException>(() => selector.Explicit(2, "t"));

        selector.Grow(3);
        selector.Grow(2); // never shrinks

        Assert.Equal(3, selector.PartitionCount);
        Assert.Equal(2, selector.ForKey("alice"u8)); // the vectors: alice is 2 of 3
        Assert.Equal(2, selector.Explicit(2, "t"));
    }
}
