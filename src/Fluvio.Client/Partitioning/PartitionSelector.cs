namespace Fluvio.Client;

/// <summary>
/// Where one producer's records go: the given partition, else the key's hash, else round robin
/// from partition 0 (a per-producer counter that only keyless records advance, wrapping as a
/// u32 like Fluvio's). Thread-safe.
/// </summary>
internal sealed class PartitionSelector
{
    private uint _next;
    private volatile int _partitionCount;

    public PartitionSelector(int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitionCount);
        _partitionCount = partitionCount;
    }

    public int PartitionCount => _partitionCount;

    /// <summary>The topic gained partitions: later picks range over <paramref name="partitionCount"/>.</summary>
    public void Grow(int partitionCount)
    {
        if (partitionCount > _partitionCount)
        {
            _partitionCount = partitionCount;
        }
    }

    public int NextKeyless() => (int)((Interlocked.Increment(ref _next) - 1) % (uint)_partitionCount);

    public int ForKey(ReadOnlySpan<byte> key) => Partitioner.PartitionForKey(key, _partitionCount);

    /// <summary>Checks a partition the caller named.</summary>
    public int Explicit(int partition, string topic)
    {
        int count = _partitionCount;
        if ((uint)partition >= (uint)count)
        {
            throw new FluvioException(FluvioErrorCode.PartitionNotFound,
                $"Partition {partition} not found: topic '{topic}' has {count} partition{(count == 1 ? "" : "s")} (0 to {count - 1}).");
        }
        return partition;
    }
}
