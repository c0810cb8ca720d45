namespace Fluvio.PowerShell;

/// <summary>A profile of the Fluvio CLI's profile file, as Get-FluvioProfile shows it.</summary>
public sealed class FluvioProfile
{
    public required string Name { get; init; }

    /// <summary>True for the file's current profile: the one cmdlets use when nothing else names a broker.</summary>
    public bool IsCurrent { get; init; }

    public required string Cluster { get; init; }

    /// <summary>The endpoint as the file writes it (host:port is native Fluvio); null when the file does not define the cluster.</summary>
    public string? Endpoint { get; init; }

    public FluvioTlsPolicy Tls { get; init; }

    /// <summary>The name the broker's certificate must carry (verified TLS only).</summary>
    public string? TlsDomain { get; init; }

    /// <summary>The profile file it was read from.</summary>
    public required string Path { get; init; }

    public override string ToString() => Name;
}
