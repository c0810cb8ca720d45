namespace Fluvio.Protocol.Grpc;

/// <summary>How the broker tells a client, over gRPC, which Fluvio error a failed call is.</summary>
public static class GrpcErrors
{
    /// <summary>Trailer whose value is the <see cref="ErrorReason"/> name, e.g. "TopicNotFound".</summary>
    public const string ReasonTrailer = "fluvio-error";

    private const string ProtoPrefix = "ERROR_REASON_";

    /// <summary>The trailer value for a reason.</summary>
    public static string TrailerValue(ErrorReason reason) => reason.ToString();

    /// <summary>
    /// The kind a trailer names: "TopicNotFound", or the proto spelling ERROR_REASON_TOPIC_NOT_FOUND;
    /// anything else (a number, a client-side code, a reason newer than this client) is Unknown.
    /// </summary>
    public static FluvioErrorCode KindOfTrailer(string name)
    {
        if (name.StartsWith(ProtoPrefix, StringComparison.Ordinal))
        {
            name = string.Concat(name[ProtoPrefix.Length..].Split('_').Select(w => w.Length == 0 ? w : w[0] + w[1..].ToLowerInvariant()));
        }
        return name.Length > 0 && char.IsLetter(name[0]) && Enum.TryParse<ErrorReason>(name, ignoreCase: false, out var reason)
            ? reason.ToErrorCode()
            : FluvioErrorCode.Unknown;
    }
}
