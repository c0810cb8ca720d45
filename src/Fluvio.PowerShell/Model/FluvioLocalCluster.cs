namespace Fluvio.PowerShell;

/// <summary>The local broker started by Start-FluvioLocalCluster.</summary>
public sealed class FluvioLocalCluster
{
    public int ProcessId { get; init; }
    public required Uri Endpoint { get; init; }
    public required string DataDirectory { get; init; }
    public DateTimeOffset StartTime { get; init; }
    public required string LogFile { get; init; }
}
