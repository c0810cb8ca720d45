using System.Net.Http;
using System.Net.Sockets;
using Grpc.Core;

namespace Fluvio.Client;

/// <summary>
/// Failures to reach or keep a broker, in words a user can act on ("Cannot reach the Fluvio
/// broker at … : connection refused"), for every transport; each wire's own error codes are
/// mapped beside its transport (GrpcErrorMapping, NativeErrorMapping).
/// </summary>
internal sealed class ConnectionErrors
{
    private readonly TimeSpan _connectTimeout;
    private readonly ClientTls? _tls;

    public ConnectionErrors(Uri endpoint, TimeSpan connectTimeout, ClientTls? tls = null)
    {
        Broker = endpoint.GetLeftPart(UriPartial.Authority);
        _connectTimeout = connectTimeout;
        _tls = tls;
    }

    /// <summary>The TLS settings the connection uses, or null for plaintext.</summary>
    public ClientTls? Tls => _tls;

    /// <summary>The endpoint as a user would type it, e.g. <c>http://127.0.0.1:9003</c>.</summary>
    public string Broker { get; }

    public FluvioException Unreachable(Exception cause) =>
        new(FluvioErrorCode.ConnectionFailed, $"Cannot reach the Fluvio broker at {Broker}: {Describe(cause)}.", cause);

    // The innermost reason in a few words: "connection refused", "no connection within 5 s".
    // gRPC wraps the socket's failure in its status's debug exception, so that is looked through too.
    private string Describe(Exception cause)
    {
        for (Exception? e = cause is RpcException rpc ? rpc.Status.DebugException ?? rpc : cause; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException s:
                    return s.SocketErrorCode switch
                    {
                        SocketError.ConnectionRefused => "connection refused",
                        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
                        SocketError.TimedOut => "connection timed out",
                        SocketError.NetworkUnreachable => "network unreachable",
                        SocketError.HostUnreachable => "host unreachable",
                        SocketError.ConnectionReset => "connection reset",
                        _ => s.Message,
                    };
                case StalledConnectionException stalled:
                    return stalled.Message;
                case TimeoutException or OperationCanceledException:
                    return $"no connection within {Seconds(_connectTimeout)}";
                case System.Security.Authentication.AuthenticationException tls:
                    return _tls?.Describe(tls) ?? $"the TLS handshake failed: {tls.Message.TrimEnd('.')}";
                case HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded } when _tls is not null:
                    return ClientTls.DescribeClosed(_tls);
            }
        }
        var innermost = cause is RpcException r ? r.Status.DebugException ?? cause : cause;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }
        return innermost is RpcException last ? last.Status.Detail : innermost.Message.TrimEnd('.');
    }

    internal static string Seconds(TimeSpan t) => $"{t.TotalSeconds:0.###} s";
}

/// <summary>A connection that was made, then went silent before it was usable (TLS or the version exchange).</summary>
internal sealed class StalledConnectionException(string message) : TimeoutException(message);
