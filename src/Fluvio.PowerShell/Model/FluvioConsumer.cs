namespace Fluvio.PowerShell;

/// <summary>A named consumer's position in one partition (Get-FluvioConsumer, Wait-FluvioConsumer -PassThru).</summary>
public sealed class FluvioConsumer
{
    public required string Consumer { get; init; }
    public required string Topic { get; init; }
    public int Partition { get; init; }

    /// <summary>The last record the consumer has committed; null where it has never committed (only Wait-FluvioConsumer writes those).</summary>
    public long? Offset { get; init; }

    /// <summary>Records stored after <see cref="Offset"/>: what the consumer has not read yet.</summary>
    public long Lag { get; init; }

    /// <summary>When the broker recorded the last commit; null when the broker does not say.</summary>
    public DateTimeOffset? LastSeen { get; init; }
}
