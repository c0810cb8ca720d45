namespace Fluvio.PowerShell;

/// <summary>
/// A cluster's health (Get-FluvioCluster), as `fluvio cluster status` and `fluvio cluster spu
/// list` give it. When the cluster cannot be reached, <see cref="Reachable"/> is false,
/// <see cref="Error"/> says why and the counts are zero.
/// </summary>
public sealed class FluvioCluster
{
    /// <summary>The endpoint asked (the SC for the native protocol, the broker for gRPC).</summary>
    public required string Endpoint { get; init; }

    /// <summary>"native" (Fluvio's SC and SPU protocol) or "gRPC" (our broker's API).</summary>
    public required string Protocol { get; init; }

    public bool Reachable { get; init; }

    /// <summary>Why the cluster was not reached; null when it was.</summary>
    public string? Error { get; init; }

    public FluvioSpu[] Spus { get; init; } = [];
    public int SpuCount => Spus.Length;
    public int OnlineSpus => Spus.Count(s => s.Status == Fluvio.Client.SpuInfo.Online);
    public int TopicCount { get; init; }
    public int PartitionCount { get; init; }

    /// <summary>Bytes stored: the sum of the partitions' sizes.</summary>
    public long StorageBytes { get; init; }

    public override string ToString() => Endpoint;
}

/// <summary>One SPU, as `fluvio cluster spu list` shows it.</summary>
public sealed class FluvioSpu
{
    public int Id { get; init; }
    public required string Name { get; init; }

    /// <summary>"managed" or "custom" (native); "broker" for our gRPC broker, which is its own single SPU.</summary>
    public required string Type { get; init; }

    /// <summary>The public endpoint clients dial (host:port).</summary>
    public required string Endpoint { get; init; }

    /// <summary>Online, Offline or Init.</summary>
    public required string Status { get; init; }
    public string? Rack { get; init; }

    public override string ToString() => $"{Id} {Endpoint} {Status}";
}
