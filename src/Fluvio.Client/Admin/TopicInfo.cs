namespace Fluvio.Client;

/// <summary>A topic as the broker describes it.</summary>
public sealed record TopicInfo(
    string Name,
    int Partitions,
    int ReplicationFactor,
    TimeSpan Retention,
    long SegmentSize,
    long MaxPartitionSize,
    TopicCompression Compression,
    DateTimeOffset CreatedAt);
