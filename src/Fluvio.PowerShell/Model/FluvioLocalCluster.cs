namespace Fluvio.PowerShell;

/// <summary>The local broker started by Start-FluvioLocalCluster.</summary>
public sealed class FluvioLocalCluster
{
    public int ProcessId { get; init; }
    public required Uri Endpoint { get; init; }

    /// <summary>The native Fluvio SC (host:port) for the official Fluvio CLI and clients.</summary>
    public string? ScEndpoint { get; init; }

    /// <summary>The native Fluvio SPU (host:port), which the SC advertises to those clients.</summary>
    public string? SpuEndpoint { get; init; }

    public required string DataDirectory { get; init; }
    public DateTimeOffset StartTime { get; init; }
    public required string LogFile { get; init; }
}
