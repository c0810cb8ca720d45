namespace Fluvio.Client;

/// <summary>
/// A topic as the broker describes it. <see cref="CreatedAt"/> is null over the native protocol,
/// which does not carry it. <see cref="Type"/> is Fluvio's replica kind ("computed", "assigned",
/// "mirror"); <see cref="Status"/> and <see cref="Reason"/> are the cluster's TopicResolution name
/// ("Provisioned", "Pending", …) and reason text, null when the answer carried no status (a create
/// over the native protocol answers only with success).
/// </summary>
public sealed record TopicInfo(
    string Name,
    int Partitions,
    int ReplicationFactor,
    TimeSpan Retention,
    long SegmentSize,
    long MaxPartitionSize,
    TopicCompression Compression,
    DateTimeOffset? CreatedAt,
    string Type = TopicInfo.Computed,
    string? Status = null,
    string? Reason = null)
{
    /// <summary>Partitions and replicas computed by the cluster: what every topic of our broker is.</summary>
    public const string Computed = "computed";
}
