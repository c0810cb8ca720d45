namespace Fluvio.Client;

/// <summary>
/// Where one producer's records go: the given partition, else the key's hash, else round robin
/// from partition 0 (a per-producer counter that only keyless records advance, wrapping as a
/// u32 like Fluvio's). Thread-safe.
/// </summary>
internal sealed class PartitionSelector
{
    private uint _next;

    public PartitionSelector(int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitionCount);
        PartitionCount = partitionCount;
    }

    public int PartitionCount { get; }

    public int NextKeyless() => (int)((Interlocked.Increment(ref _next) - 1) % (uint)PartitionCount);

    public int ForKey(ReadOnlySpan<byte> key) => Partitioner.PartitionForKey(key, PartitionCount);

    /// <summary>Checks a partition the caller named.</summary>
    public int Explicit(int partition, string topic)
    {
        if ((uint)partition >= (uint)PartitionCount)
        {
            throw new FluvioException(FluvioErrorCode.PartitionNotFound,
                $"Partition {partition} not found: topic '{topic}' has {PartitionCount} partition{(PartitionCount == 1 ? "" : "s")} (0 to {PartitionCount - 1}).");
        }
        return partition;
    }
}
