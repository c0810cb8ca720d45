using System.Net;

namespace Fluvio.Broker;

/// <summary>
/// A listener's port is held by another program. Its own type, because it is the one startup
/// failure a person fixes by choosing a port, so the broker and the module say so in one line.
/// </summary>
internal sealed class PortInUseException(string listener, string option, IPEndPoint endpoint, Exception inner)
    : Exception($"Port {endpoint.Port} on {endpoint.Address} (the {listener} port) is already in use by another program.", inner)
{
    public string Listener { get; } = listener;

    /// <summary>The broker's option that chooses this port, e.g. <c>--sc-port</c>.</summary>
    public string Option { get; } = option;

    public int Port { get; } = endpoint.Port;
}
