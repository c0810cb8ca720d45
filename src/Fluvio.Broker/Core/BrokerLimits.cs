namespace Fluvio.Broker.Core;

/// <summary>The limits the core enforces for both doors that are not the store's own (see docs/SECURITY.md).</summary>
public sealed record BrokerLimits
{
    /// <summary>
    /// More partitions than this in one topic is a typo, not a plan: each one is a folder, an
    /// index and a writer, made while the topic is created. 1,000 leaves room for any real
    /// consumer group (--max-partitions-per-topic).
    /// </summary>
    public int MaxPartitionsPerTopic { get; init; } = 1_000;

    /// <summary>
    /// Bytes of read answers built but not yet written, over both doors and all connections
    /// (past each connection's or stream's own <see cref="ResponseBudget.Allowance"/>): what
    /// readers that stop reading can make the broker hold (--max-pending-response-bytes).
    /// </summary>
    public long MaxPendingResponseBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// The most batch bytes one read answer holds: what a slow or stalled reader keeps in the
    /// broker's memory per stream. Far below the gRPC message limit (64 MiB); a read still gets
    /// at least one whole batch, so a larger batch is never stuck.
    /// </summary>
    public const int MaxReadBytes = 1024 * 1024;

    /// <summary>A reader's max_bytes as the broker honours it: 0 or less is the default, more is clamped.</summary>
    public static int ReadBytes(long requested) => requested <= 0 || requested > MaxReadBytes ? MaxReadBytes : (int)requested;
}
