using System.Net;
using System.Net.Sockets;

namespace Fluvio.Reliability.Tests;

/// <summary>A loopback port free right now, for a broker that must come back on the same address after a restart.</summary>
internal static class FreePort
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
