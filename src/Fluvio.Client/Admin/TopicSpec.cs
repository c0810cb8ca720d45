namespace Fluvio.Client;

/// <summary>
/// A topic to create. Null sizes and retention take the broker's defaults (Fluvio's: 7 days,
/// 1 GiB segments, 100 GiB per partition).
/// </summary>
public sealed record TopicSpec(string Name)
{
    public int Partitions { get; init; } = 1;
    public int ReplicationFactor { get; init; } = 1;
    public TimeSpan? Retention { get; init; }
    public long? SegmentSize { get; init; }
    public long? MaxPartitionSize { get; init; }
    public TopicCompression Compression { get; init; } = TopicCompression.Any;

    /// <summary>Validate only: the broker answers with the topic it would create.</summary>
    public bool DryRun { get; init; }
}
