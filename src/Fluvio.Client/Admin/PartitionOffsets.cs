namespace Fluvio.Client;

/// <summary>The first stored offset of a partition and the offset its next record will get.</summary>
public readonly record struct PartitionOffsets(long LogStart, long EndOffset);
