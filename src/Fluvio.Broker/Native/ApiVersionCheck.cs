using Fluvio.Protocol.Native;

namespace Fluvio.Broker.Native;

/// <summary>Refuses request kinds and versions a server did not advertise.</summary>
internal static class ApiVersionCheck
{
    /// <summary>Throws <see cref="NativeProtocolException"/> unless <paramref name="table"/> lists the key with the request's version.</summary>
    public static void Require(NativeRequest request, IReadOnlyList<ApiVersionKey> table, string service)
    {
        var key = table.FirstOrDefault(k => k.ApiKey == (short)request.Header.ApiKey)
            ?? throw new NativeProtocolException($"Unknown {service} api key {request.Header.ApiKey}.");
        if (!key.Accepts(request.Version))
        {
            throw new NativeProtocolException(
                $"{service} api key {request.Header.ApiKey} version {request.Version} is not supported (versions {key.MinVersion} to {key.MaxVersion} are).");
        }
    }

    /// <summary>ApiVersions itself: the client sends version 2; the body has no fields before 1.</summary>
    public static Task AnswerAsync(NativeRequest request, IReadOnlyList<ApiVersionKey> keys, string platformVersion)
    {
        if (request.Version is < 0 or > 2)
        {
            throw new NativeProtocolException($"ApiVersions version {request.Version} is not supported (0 to 2 are).");
        }
        request.Decode<ApiVersionsRequest>();
        return request.RespondAsync(new ApiVersionsResponse(ErrorCode.None, keys, platformVersion)).AsTask();
    }
}
