using System.Net;
using Fluvio.Broker.Core;
using Fluvio.Broker.Security;
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
    /// Binds both ports on <paramref name="binding"/> (0 picks free ones), then starts serving,
    /// over TLS when <paramref name="tls"/> is given.
    /// </summary>
    public static NativeServer Start(BrokerCore core, NativeBinding binding, int scPort, int spuPort, NativeTlsAcceptor? tls, NativeLimits limits, Action<string> log)
    {
        limits = DescriptorLimit.Fit(limits, listeners: 2, log);
        // Broker-wide, so more connections do not mean more memory.
        var pendingFrames = new PendingFrameMemory(limits.MaxPendingFrameBytes);
        var pendingResponses = core.PendingAnswers;
        var spu = NativeListener.Bind("SPU", new IPEndPoint(binding.Address, spuPort), log, limits, pendingFrames, pendingResponses);
        NativeListener sc;
        try
        {
            sc = NativeListener.Bind("SC", new IPEndPoint(binding.Address, scPort), log, limits, pendingFrames, pendingResponses);
        }
        catch
        {
            spu.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        // Clients learn where the SPU is only from this object, so it names the port really bound.
        var cluster = new ClusterMetadata(core, SpuObject(binding.AdvertisedHost, spu.LocalEndpoint.Port, tls is not null));
        var hub = new MetadataHub(cluster, log);
        var admin = new ScAdmin(cluster, hub);
        spu.Start(_ => new SpuHandler(core), tls);
        sc.Start(connection => new ScHandler(admin, hub, connection), tls);
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

    private static SpuSpec SpuObject(string advertised, int port, bool tls)
    {
        // Informational for clients (they take TLS from their profile), but it should not lie.
        var encryption = tls ? Encryption.Ssl : Encryption.Plaintext;
        return new SpuSpec(
            ClusterMetadata.SpuId,
            SpuType.Custom,
            new IngressPort((ushort)port, [new IngressAddress(advertised, null)], encryption),
            // There is no private (SPU-to-SPU) API on a single node; the public listener stands in.
            new HostEndpoint((ushort)port, advertised, encryption),
            Rack: null,
            PublicEndpointLocal: null);
    }
}
