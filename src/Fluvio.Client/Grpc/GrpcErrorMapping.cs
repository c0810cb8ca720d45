using Fluvio.Protocol.Grpc;
using Grpc.Core;

namespace Fluvio.Client;

/// <summary>
/// The gRPC wire's failures as <see cref="FluvioException"/>s: a call's status and the broker's
/// reason trailer, and the error a produce response carries for one partition.
/// </summary>
internal static class GrpcErrorMapping
{
    /// <param name="subject">What the call was about (a topic name…), for messages the broker left empty.</param>
    public static FluvioException FromRpc(this ConnectionErrors connection, RpcException e, string? subject = null)
    {
        string? reason = e.Trailers.GetValue(GrpcErrors.ReasonTrailer);
        if (!string.IsNullOrEmpty(reason))
        {
            var code = GrpcErrors.KindOfTrailer(reason);
            return new FluvioException(code, BrokerMessage(code, e.Status.Detail, subject), e);
        }
        if (connection.Tls is not null && ClientTls.IsHandshakeFailure(e))
        {
            return connection.Unreachable(e); // whatever the status, the reason is the TLS handshake: say which part failed
        }
        string broker = connection.Broker;
        string detail = string.IsNullOrWhiteSpace(e.Status.Detail) ? e.StatusCode.ToString() : e.Status.Detail;
        return e.StatusCode switch
        {
            StatusCode.Unavailable => connection.Unreachable(e),
            // Says only that the credentials were refused: which part was wrong is the broker's secret.
            StatusCode.Unauthenticated => new FluvioException(FluvioErrorCode.Unauthenticated,
                $"The Fluvio broker at {broker} refused the call: it requires a valid token (FluvioClientOptions.Token, or $env:FLUVIO_TOKEN in PowerShell).", e),
            StatusCode.DeadlineExceeded => new FluvioException(FluvioErrorCode.Timeout, $"The Fluvio broker at {broker} did not answer in time.", e),
            StatusCode.ResourceExhausted => new FluvioException(FluvioErrorCode.RecordTooLarge, $"The Fluvio broker at {broker} refused a message as too large: {detail}", e),
            StatusCode.InvalidArgument => new FluvioException(FluvioErrorCode.InvalidArgument, $"The Fluvio broker at {broker} rejected the request: {detail}", e),
            StatusCode.Cancelled or StatusCode.Aborted or StatusCode.Internal or StatusCode.Unknown =>
                new FluvioException(FluvioErrorCode.ConnectionFailed, $"The connection to the Fluvio broker at {broker} failed: {detail}", e),
            _ => new FluvioException(FluvioErrorCode.Unknown, $"The Fluvio broker at {broker} failed the call ({e.StatusCode}): {detail}", e),
        };
    }

    /// <summary>An error a produce response reports for one partition entry.</summary>
    public static FluvioException FromBrokerError(Error error, string? subject)
    {
        var code = error.Reason.ToErrorCode();
        return new FluvioException(code, BrokerMessage(code, error.Message, subject));
    }

    private static string BrokerMessage(FluvioErrorCode code, string? detail, string? subject) =>
        !string.IsNullOrWhiteSpace(detail) ? detail
            : ErrorMessages.ForKind(code, subject ?? "?") ?? $"The broker reported {code} for {subject ?? "?"}.";
}
