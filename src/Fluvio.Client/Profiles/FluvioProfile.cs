namespace Fluvio.Client;

/// <summary>
/// One profile of the Fluvio profile file, joined with the cluster it names: what
/// <c>fluvio profile list</c> shows, and what it takes to connect.
/// </summary>
public sealed record FluvioProfile
{
    public required string Name { get; init; }

    /// <summary>The cluster entry the profile names (<c>[cluster.&lt;name&gt;]</c>).</summary>
    public required string ClusterName { get; init; }

    /// <summary>The cluster's endpoint as written in the file (e.g. <c>127.0.0.1:9003</c>); null when the file defines no such cluster.</summary>
    public string? Endpoint { get; init; }

    /// <summary>True for the file's <c>current_profile</c>.</summary>
    public bool IsCurrent { get; init; }

    public FluvioProfileTls Tls { get; init; } = FluvioProfileTls.Disabled;

    /// <summary>The profile's optional <c>topic</c> and <c>partition</c> (kept for display; the Fluvio CLI does not act on them either).</summary>
    public string? Topic { get; init; }

    public int? Partition { get; init; }

    /// <summary>The cluster's <c>use_spu_local_address</c>: dial SPUs at their private address (inside the cluster's network).</summary>
    public bool UseSpuLocalAddress { get; init; }

    /// <summary>The file the profile was read from, for messages.</summary>
    public required string ConfigPath { get; init; }

    /// <summary>
    /// Where and how to connect: a <c>host:port</c> endpoint becomes <c>fluvio://host:port</c>
    /// (the native protocol; an http(s):// one stays as it is), and the TLS policy becomes
    /// client options on top of <paramref name="options"/>.
    /// </summary>
    public (Uri Endpoint, FluvioClientOptions Options) ToConnection(FluvioClientOptions? options = null)
    {
        if (Endpoint is null)
        {
            throw new FluvioException(FluvioErrorCode.InvalidArgument,
                $"Profile '{Name}' in '{ConfigPath}' uses cluster '{ClusterName}', which the file does not define.");
        }
        if (!FluvioEndpoint.TryParse(Endpoint, out var endpoint))
        {
            throw new FluvioException(FluvioErrorCode.InvalidArgument,
                $"Profile '{Name}' in '{ConfigPath}': the endpoint '{Endpoint}' of cluster '{ClusterName}' is not host:port or a URI.");
        }
        return (endpoint, Tls.ApplyTo(options ?? new FluvioClientOptions()));
    }
}
