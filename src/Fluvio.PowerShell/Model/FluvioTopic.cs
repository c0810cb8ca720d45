using System.Globalization;
using System.Management.Automation;
using Newtonsoft.Json;

namespace Fluvio.PowerShell;

/// <summary>A topic as Get-FluvioTopic and New-FluvioTopic show it.</summary>
public sealed class FluvioTopic
{
    public required string Name { get; init; }
    public int Partitions { get; init; }
    public int ReplicationFactor { get; init; }
    /// <summary>A TimeSpan, for arithmetic in scripts; ConvertTo-Json would write it as 15 numbers, so it writes Retention instead
    /// (both attributes are needed: see FluvioRecord).</summary>
    [JsonIgnore, Hidden]
    public TimeSpan RetentionTime { get; init; }

    /// <summary>
    /// RetentionTime as TimeSpan text, d.hh:mm:ss ("7.00:00:00"): what ConvertTo-Json writes, what
    /// the table shows, and what [timespan] and New-FluvioTopic -RetentionTime read back.
    /// </summary>
    public string Retention => RetentionTime.ToString("c", CultureInfo.InvariantCulture);
    public long SegmentSize { get; init; }
    public long MaxPartitionSize { get; init; }
    public FluvioTopicCompression Compression { get; init; }
    /// <summary>When the topic was created; null when the cluster does not say (the native protocol does not carry it).</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Fluvio's TYPE: "computed" (partitions placed by the cluster), "assigned" or "mirror".</summary>
    public string Type { get; init; } = "computed";

    /// <summary>Fluvio's STATUS (TopicResolution): Provisioned, Pending, Init, InsufficientResources, InvalidConfig, Deleting; null when the answer did not carry it.</summary>
    public string? Status { get; init; }

    /// <summary>Fluvio's REASON: why the topic is in its status (empty when provisioned).</summary>
    public string? Reason { get; init; }

    public override string ToString() => Name;
}
