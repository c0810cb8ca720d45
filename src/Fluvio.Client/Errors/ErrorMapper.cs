using System.Net.Http;
using System.Net.Sockets;
using Fluvio.Protocol.Grpc;
using Grpc.Core;

namespace Fluvio.Client;

/// <summary>Turns gRPC failures and broker error reasons into <see cref="FluvioException"/>s.</summary>
internal sealed class ErrorMapper
{
    private readonly TimeSpan _connectTimeout;
    private readonly ClientTls? _tls;

    public ErrorMapper(Uri endpoint, TimeSpan connectTimeout, ClientTls? tls = null)
    {
        Broker = endpoint.GetLeftPart(UriPartial.Authority);
        _connectTimeout = connectTimeout;
        _tls = tls;
    }

    /// <summary>The endpoint as a user would type it, e.g. <c>http://127.0.0.1:9003</c>.</summary>
    public string Broker { get; }

    /// <param name="subject">What the call was about (a topic name…), for messages the broker left empty.</param>
    public FluvioException FromRpc(RpcException e, string? subject = null)
    {
        string? reason = e.Trailers.GetValue(GrpcErrors.ReasonTrailer);
        if (!string.IsNullOrEmpty(reason))
        {
            var code = GrpcErrors.KindOfTrailer(reason);
            return new FluvioException(code, BrokerMessage(code, e.Status.Detail, subject), e);
        }
        if (_tls is not null && ClientTls.IsHandshakeFailure(e))
        {
            return Unreachable(e); // whatever the status, the reason is the TLS handshake: say which part failed
        }
        string detail = string.IsNullOrWhiteSpace(e.Status.Detail) ? e.StatusCode.ToString() : e.Status.Detail;
        return e.StatusCode switch
        {
            StatusCode.Unavailable => Unreachable(e),
            // Says only that the credentials were refused: which part was wrong is the broker's secret.
            StatusCode.Unauthenticated => new FluvioException(FluvioErrorCode.Unauthenticated,
                $"The Fluvio broker at {Broker} refused the call: it requires a valid token (FluvioClientOptions.Token, or $env:FLUVIO_TOKEN in PowerShell).", e),
            StatusCode.DeadlineExceeded => new FluvioException(FluvioErrorCode.Timeout, $"The Fluvio broker at {Broker} did not answer in time.", e),
            StatusCode.ResourceExhausted => new FluvioException(FluvioErrorCode.RecordTooLarge, $"The Fluvio broker at {Broker} refused a message as too large: {detail}", e),
            StatusCode.InvalidArgument => new FluvioException(FluvioErrorCode.InvalidArgument, $"The Fluvio broker at {Broker} rejected the request: {detail}", e),
            StatusCode.Cancelled or StatusCode.Aborted or StatusCode.Internal or StatusCode.Unknown =>
                new FluvioException(FluvioErrorCode.ConnectionFailed, $"The connection to the Fluvio broker at {Broker} failed: {detail}", e),
            _ => new FluvioException(FluvioErrorCode.Unknown, $"The Fluvio broker at {Broker} failed the call ({e.StatusCode}): {detail}", e),
        };
    }

    /// <summary>An error a produce response reports for one partition entry.</summary>
    public static FluvioException FromBrokerError(Error error, string? subject)
    {
        var code = error.Reason.ToErrorCode();
        return new FluvioException(code, BrokerMessage(code, error.Message, subject));
    }

    public FluvioException Unreachable(Exception cause) =>
        new(FluvioErrorCode.ConnectionFailed, $"Cannot reach the Fluvio broker at {Broker}: {Describe(cause)}.", cause);

    private static string BrokerMessage(FluvioErrorCode code, string? detail, string? subject)
    {
        if (!string.IsNullOrWhiteSpace(detail))
        {
            return detail;
        }
        string s = subject ?? "?";
        return code switch
        {
            FluvioErrorCode.TopicNotFound => $"Topic '{s}' not found.",
            FluvioErrorCode.TopicExists => $"Topic '{s}' already exists.",
            FluvioErrorCode.InvalidTopicName => $"Invalid topic name '{s}'.",
            FluvioErrorCode.PartitionNotFound => $"Partition not found: {s}.",
            FluvioErrorCode.ConsumerOffsetNotFound => $"No committed offset for {s}.",
            _ => $"The broker reported {code} for {s}.",
        };
    }

    // The innermost reason in a few words: "connection refused", "no connection within 5 s".
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
