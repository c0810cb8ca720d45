namespace Fluvio.Client;

/// <summary>A topic as the broker describes it. <see cref="CreatedAt"/> is null over the native protocol, which does not carry it.</summary>
public sealed record TopicInfo(
    string Name,
    int Partitions,
    int ReplicationFactor,
    TimeSpan Retention,
    long SegmentSize,
    long MaxPartitionSize,
    TopicCompression Compression,
    DateTimeOffset? CreatedAt);
