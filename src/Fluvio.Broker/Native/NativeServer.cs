using System.Net;
using Fluvio.Protocol.Native;
using Fluvio.Storage;

namespace Fluvio.Broker.Native;

/// <summary>
/// The native Fluvio front door: an SC listener (admin and metadata) and an SPU listener
/// (produce and consume) over the same storage as the gRPC API, so the official Fluvio clients
/// and ours see the same topics and records.
/// </summary>
internal sealed class NativeServer : IAsyncDisposable
{
    private readonly NativeListener _sc;
    private readonly NativeListener _spu;
    private readonly MetadataHub _hub;

    private NativeServer(NativeListener sc, NativeListener spu, MetadataHub hub)
    {
        _sc = sc;
        _spu = spu;
        _hub = hub;
    }

    public IPEndPoint ScEndpoint => _sc.LocalEndpoint;

    public IPEndPoint SpuEndpoint => _spu.LocalEndpoint;

    /// <summary>
    /// Binds both ports (0 picks free ones), then starts serving. They listen on loopback even when
    /// <paramref name="host"/> is another address: they have neither TLS nor the token check that
    /// can protect the gRPC door, so they must not become an open way around them.
    /// </summary>
    public static NativeServer Start(LogStore store, IPAddress host, int scPort, int spuPort, Action<string> log)
    {
        if (!IPAddress.IsLoopback(host))
        {
            log($"The native Fluvio ports listen on 127.0.0.1 only (--host {host} applies to gRPC): they have no TLS or token check.");
        }
        // IPv4 always: Fluvio clients dial "host:port", which an IPv6 literal would break.
        if (!IPAddress.IsLoopback(host) || host.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            host = IPAddress.Loopback;
        }
        var spu = NativeListener.Bind("SPU", new IPEndPoint(host, spuPort), log);
        NativeListener sc;
        try
        {
            sc = NativeListener.Bind("SC", new IPEndPoint(host, scPort), log);
        }
        catch
        {
            spu.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        // Clients learn where the SPU is only from this object, so it names the port really bound.
        var cluster = new ClusterMetadata(store, SpuObject(host, spu.LocalEndpoint.Port));
        var hub = new MetadataHub(cluster, log);
        var admin = new ScAdmin(cluster, hub);
        spu.Start(_ => new SpuHandler(store));
        sc.Start(connection => new ScHandler(admin, hub, connection));
        return new NativeServer(sc, spu, hub);
    }

    public async ValueTask DisposeAsync()
    {
        await _sc.DisposeAsync().ConfigureAwait(false);
        await _spu.DisposeAsync().ConfigureAwait(false);
        await _hub.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Address text for the ready line: host:port.</summary>
    public static string Display(IPEndPoint endpoint) => $"{endpoint.Address}:{endpoint.Port}";

    private static SpuSpec SpuObject(IPAddress host, int port)
    {
        string advertised = host.ToString();
        return new SpuSpec(
            ClusterMetadata.SpuId,
            SpuType.Custom,
            new IngressPort((ushort)port, [new IngressAddress(advertised, null)], Encryption.Plaintext),
            // There is no private (SPU-to-SPU) API on a single node; the public listener stands in.
            new HostEndpoint((ushort)port, advertised, Encryption.Plaintext),
            Rack: null,
            PublicEndpointLocal: null);
    }
}
