namespace Fluvio.PowerShell;

/// <summary>One partition of a topic (Get-FluvioPartition), with the status columns of `fluvio partition list`.</summary>
public sealed class FluvioPartition
{
    public required string Topic { get; init; }
    public int Partition { get; init; }
    public int Leader { get; init; }
    public long LogStartOffset { get; init; }

    /// <summary>The offset the next record will get (the high watermark: everything below it is committed).</summary>
    public long EndOffset { get; init; }
    public long SizeBytes { get; init; }

    /// <summary>Fluvio's RESOLUTION: Online, Offline, LeaderOffline or ElectionLeaderFound; null when not reported.</summary>
    public string? Status { get; init; }

    /// <summary>The SPUs holding a replica of the partition.</summary>
    public int[] Replicas { get; init; } = [];

    /// <summary>Fluvio's HW: the same number as <see cref="EndOffset"/>, under its Fluvio name.</summary>
    public long HighWatermark => EndOffset;

    /// <summary>Fluvio's LEO: the leader's log end offset (ahead of the high watermark while followers catch up).</summary>
    public long LogEndOffset { get; init; }

    /// <summary>Fluvio's LRS: live replicas, in sync with the leader.</summary>
    public int LiveReplicas { get; init; }
}
