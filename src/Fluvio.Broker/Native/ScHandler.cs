using Fluvio.Protocol.Native;

namespace Fluvio.Broker.Native;

/// <summary>
/// The SC public API of one connection (wire protocol §4): ApiVersions, the topic admin requests
/// and the metadata watch streams. Mirroring is advertised, as by the real SC, but not served.
/// </summary>
internal sealed class ScHandler(ScAdmin admin, MetadataHub hub, NativeConnection connection) : INativeHandler
{
    /// <summary>Watch streams one connection may hold; the official client opens six.</summary>
    private const int MaxWatches = 256;

    private int _watches;

    // Watches end only with their connection, so one counted is one open.
    public bool HoldsStreams => Volatile.Read(ref _watches) > 0;

    public Task HandleAsync(NativeRequest request)
    {
        if (request.Header.ApiKey == (ushort)ScApiKey.ApiVersions)
        {
            return ApiVersionCheck.AnswerAsync(request, FluvioApiVersions.Sc, FluvioApiVersions.ScPlatformVersion);
        }
        ApiVersionCheck.Require(request, FluvioApiVersions.Sc, "SC");
        return (ScApiKey)request.Header.ApiKey switch
        {
            ScApiKey.Create => admin.CreateAsync(request, ObjectEnvelope.Decode(request.Body, request.Version)),
            ScApiKey.Delete => admin.DeleteAsync(request, ObjectEnvelope.Decode(request.Body, request.Version)),
            ScApiKey.Update => admin.UpdateAsync(request, ObjectEnvelope.Decode(request.Body, request.Version)),
            ScApiKey.List => admin.ListAsync(request, ObjectEnvelope.Decode(request.Body, request.Version)),
            ScApiKey.Watch => WatchAsync(request),
            _ => throw new NativeProtocolException($"SC api key {request.Header.ApiKey} ({(ScApiKey)request.Header.ApiKey}) is not served by this broker."),
        };
    }

    private Task WatchAsync(NativeRequest request)
    {
        var envelope = ObjectEnvelope.Decode(request.Body, request.Version);
        WatchObjectsRequest.Decode(envelope.Reader(), request.Version);
        if (Interlocked.Increment(ref _watches) > MaxWatches)
        {
            throw new NativeProtocolException($"More than {MaxWatches} watch streams on one connection.");
        }
        hub.Watch(connection, request.Header.CorrelationId, request.Version, envelope.Label);
        return Task.CompletedTask;
    }
}
