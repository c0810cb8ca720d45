using System.Globalization;

namespace Fluvio.Testing;

/// <summary>
/// What the peer of a loopback connection has not read yet, from Linux's /proc/net/tcp{,6}: lets a
/// test wait until a server has consumed the bytes it was sent (the state it needs) rather than
/// sleeping and hoping it has.
/// </summary>
public static class TcpReceiveQueue
{
    /// <summary>
    /// Bytes waiting in the receive queue of the socket whose remote port is
    /// <paramref name="clientPort"/> (the server's end of our connection), or null when no such
    /// socket is listed (closed, or not Linux).
    /// </summary>
    public static long? ServerUnread(int clientPort)
    {
        string port = clientPort.ToString("X4", CultureInfo.InvariantCulture);
        foreach (string table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }
            foreach (string line in File.ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st tx_queue:rx_queue ...
                string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 4 && fields[2].EndsWith(":" + port, StringComparison.Ordinal))
                {
                    return long.Parse(fields[4].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                }
            }
        }
        return null;
    }
}
