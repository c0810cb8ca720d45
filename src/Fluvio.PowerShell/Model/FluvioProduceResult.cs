namespace Fluvio.PowerShell;

/// <summary>Where a sent record landed (Send-FluvioRecord -PassThru).</summary>
public sealed class FluvioProduceResult(string topic, int partition, long offset, string? key)
{
    public string Topic { get; } = topic;
    public int Partition { get; } = partition;
    public long Offset { get; } = offset;
    public string? Key { get; } = key;
}
