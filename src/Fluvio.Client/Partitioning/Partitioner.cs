namespace Fluvio.Client;

/// <summary>
/// Fluvio's key partitioner, byte for byte: records with the same key land in the same partition
/// whichever Fluvio client sent them.
/// </summary>
public static class Partitioner
{
    /// <summary>
    /// <c>SipHash-2-4(keys 0/0, u64_le(key.Length) ‖ key) mod partitionCount</c>. An empty key is a
    /// key like any other (it is hashed; only a null key is round-robined).
    /// </summary>
    public static int PartitionForKey(ReadOnlySpan<byte> key, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitionCount);
        return (int)(SipHash24.HashKey(key) % (ulong)partitionCount);
    }
}
