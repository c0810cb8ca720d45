namespace Fluvio.Client;

/// <summary>
/// One partition of a topic. <see cref="LogStart"/> is the first offset still stored;
/// <see cref="EndOffset"/> is the offset the next record will get.
/// </summary>
public sealed record PartitionInfo(string Topic, int Partition, int Leader, long LogStart, long EndOffset, long SizeBytes);
