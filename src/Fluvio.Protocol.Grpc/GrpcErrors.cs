namespace Fluvio.Protocol.Grpc;

/// <summary>How the broker tells a client, over gRPC, which Fluvio error a failed call is.</summary>
public static class GrpcErrors
{
    /// <summary>Trailer whose value is the <see cref="ErrorReason"/> name, e.g. "TopicNotFound".</summary>
    public const string ReasonTrailer = "fluvio-error";
}
