namespace Fluvio.PowerShell;

/// <summary>One partition of a topic (Get-FluvioPartition).</summary>
public sealed class FluvioPartition
{
    public required string Topic { get; init; }
    public int Partition { get; init; }
    public int Leader { get; init; }
    public long LogStartOffset { get; init; }

    /// <summary>The offset the next record will get.</summary>
    public long EndOffset { get; init; }
    public long SizeBytes { get; init; }
}
