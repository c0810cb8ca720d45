namespace Fluvio.Client;

/// <summary>
/// One partition of a topic. <see cref="LogStart"/> is the first offset still stored;
/// <see cref="EndOffset"/> is the offset the next record will get (the leader's high watermark).
/// <see cref="Status"/> is Fluvio's PartitionResolution name ("Online", "Offline",
/// "LeaderOffline", "ElectionLeaderFound"), <see cref="Replicas"/> the SPUs holding a replica,
/// <see cref="LogEndOffset"/> the leader's LEO (past the high watermark while followers catch up),
/// <see cref="LiveReplicas"/> Fluvio's LRS (replicas in sync).
/// </summary>
public sealed record PartitionInfo(
    string Topic,
    int Partition,
    int Leader,
    long LogStart,
    long EndOffset,
    long SizeBytes,
    string? Status = null,
    IReadOnlyList<int>? Replicas = null,
    long LogEndOffset = 0,
    int LiveReplicas = 0)
{
    /// <summary>The same as <see cref="EndOffset"/>, under Fluvio's name (HW).</summary>
    public long HighWatermark => EndOffset;
}
