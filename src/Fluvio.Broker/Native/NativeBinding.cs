using System.Net;
using System.Net.Sockets;

namespace Fluvio.Broker.Native;

/// <summary>
/// Where the native SC and SPU listeners bind, and the host the SPU object advertises (clients
/// learn where to produce and consume only from it, so it must be an address they can dial).
/// </summary>
/// <remarks>
/// Policy: the native listeners bind --host only when every native client must present a TLS
/// client certificate from --tls-client-ca. That is the native protocol's authentication (as in
/// Fluvio, where client certificates identify principals); it has no token, so without it the
/// ports stay on 127.0.0.1 whatever --host says, and cannot become a way around the gRPC door's
/// TLS and token checks.
/// </remarks>
internal sealed record NativeBinding(IPAddress Address, string AdvertisedHost)
{
    // IPv4: Fluvio clients dial "host:port", which a bare IPv6 literal would break.
    public static NativeBinding Loopback { get; } = new(IPAddress.Loopback, IPAddress.Loopback.ToString());

    public static NativeBinding Choose(IPAddress host, bool clientsAuthenticated)
    {
        if (!clientsAuthenticated || IPAddress.IsLoopback(host))
        {
            return Loopback;
        }
        if (host.Equals(IPAddress.Any) || host.Equals(IPAddress.IPv6Any))
        {
            // Every interface: no single address is right for every client, and 0.0.0.0 is none.
            // The machine's name is what a client elsewhere can resolve; an operator for whom it
            // does not resolve gives --host the one address clients should use instead.
            return new(host, Dns.GetHostName());
        }
        // Brackets keep "host:port" parseable for an IPv6 address (Rust's SocketAddr reads "[::1]:9010").
        return new(host, host.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]" : host.ToString());
    }
}
