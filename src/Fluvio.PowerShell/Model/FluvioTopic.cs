namespace Fluvio.PowerShell;

/// <summary>A topic as Get-FluvioTopic and New-FluvioTopic show it.</summary>
public sealed class FluvioTopic
{
    public required string Name { get; init; }
    public int Partitions { get; init; }
    public int ReplicationFactor { get; init; }
    public TimeSpan RetentionTime { get; init; }
    public long SegmentSize { get; init; }
    public long MaxPartitionSize { get; init; }
    public FluvioTopicCompression Compression { get; init; }
    /// <summary>When the topic was created; null when the cluster does not say (the native protocol does not carry it).</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    public override string ToString() => Name;
}
