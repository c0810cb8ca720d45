using Fluvio.Broker.Core;
using Fluvio.Broker.SmartModules;
using Fluvio.Protocol.Native;
using Fluvio.Storage;

namespace Fluvio.Broker.Native;

/// <summary>
/// The SPU public API of one connection (wire protocol §5): produce, fetch, offsets, and the
/// stream fetches, which run on after their request and are ended when the connection closes.
/// </summary>
internal sealed class SpuHandler : INativeHandler
{
    /// <summary>Not advertised by the real SPU (clients then send their default, 23); no field is version-gated.</summary>
    private static readonly IReadOnlyList<ApiVersionKey> ConsumerOffsetKeys =
    [
        new((short)SpuApiKey.UpdateConsumerOffset, 0, FluvioApiVersions.SpuCurrentVersion),
        new((short)SpuApiKey.DeleteConsumerOffset, 0, FluvioApiVersions.SpuCurrentVersion),
        new((short)SpuApiKey.FetchConsumerOffsets, 0, FluvioApiVersions.SpuCurrentVersion),
    ];

    private static readonly IReadOnlyList<ApiVersionKey> Served = [.. FluvioApiVersions.Spu, .. ConsumerOffsetKeys];

    private readonly BrokerCore _core;
    private readonly SpuStreams _streams = new();
    private readonly ProduceHandler _produce;
    private readonly FetchHandler _fetch;
    private readonly OffsetHandlers _offsets;

    public SpuHandler(BrokerCore core)
    {
        _core = core;
        _produce = new ProduceHandler(core);
        _fetch = new FetchHandler(core);
        _offsets = new OffsetHandlers(core, _streams);
    }

    public bool HoldsStreams => _streams.Any;

    public Task HandleAsync(NativeRequest request)
    {
        if (request.Header.ApiKey == (ushort)SpuApiKey.ApiVersions)
        {
            return ApiVersionCheck.AnswerAsync(request, FluvioApiVersions.Spu, FluvioApiVersions.SpuPlatformVersion);
        }
        ApiVersionCheck.Require(request, Served, "SPU");
        return (SpuApiKey)request.Header.ApiKey switch
        {
            SpuApiKey.Produce => _produce.HandleAsync(request),
            SpuApiKey.Fetch => _fetch.HandleAsync(request),
            SpuApiKey.FetchOffsets => _offsets.FetchOffsetsAsync(request),
            SpuApiKey.StreamFetch => StartStreamAsync(request),
            SpuApiKey.UpdateOffsets => _offsets.UpdateOffsetsAsync(request),
            SpuApiKey.UpdateConsumerOffset => _offsets.UpdateConsumerOffsetAsync(request),
            SpuApiKey.DeleteConsumerOffset => _offsets.DeleteConsumerOffsetAsync(request),
            SpuApiKey.FetchConsumerOffsets => _offsets.FetchConsumerOffsetsAsync(request),
            _ => throw new NativeProtocolException($"SPU api key {request.Header.ApiKey} is not served by this broker."),
        };
    }

    /// <summary>Validates and starts the stream; the request itself completes at once so the connection's budget is not held.</summary>
    private async Task StartStreamAsync(NativeRequest request)
    {
        var fetch = request.Decode<StreamFetchRequest>();
        PartitionLog log;
        try
        {
            log = _core.Partition(fetch.Topic, fetch.Partition);
        }
        catch (StorageException)
        {
            // As the real SPU: stream id 0, NotLeaderForPartition, and the stream ends.
            await StreamFetchSession.SendErrorAsync(request, fetch, 0, ErrorCode.Of(ErrorCodes.NotLeaderForPartition)).ConfigureAwait(false);
            return;
        }
        uint streamId = _streams.NextId();
        if (fetch.HasLegacySmartModule(request.Version))
        {
            await StreamFetchSession.SendErrorAsync(request, fetch, streamId,
                ErrorCode.Other("The SmartModule fields of StreamFetch versions 11 to 17 are not served; send the list of version 18 and later.")).ConfigureAwait(false);
            return;
        }
        SmartModuleChain? chain = null;
        if (fetch.SmartModules.Count > 0)
        {
            try
            {
                // Compiling, instantiating and reading the lookbacks is CPU work: off the connection's reader.
                chain = await Task.Run(() => NativeSmartModules.Start(_core, fetch.SmartModules, request.Version, log)).ConfigureAwait(false);
            }
            catch (SmartModuleException e)
            {
                await StreamFetchSession.SendErrorAsync(request, fetch, streamId, NativeSmartModules.ToErrorCode(e)).ConfigureAwait(false);
                return;
            }
        }
        var session = new StreamFetchSession(streamId, request, fetch, log, chain);
        _streams.Add(session);
        _ = RunStreamAsync(session);
    }

    private async Task RunStreamAsync(StreamFetchSession session)
    {
        try
        {
            await session.RunAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            // The connection went away while a frame was being written.
        }
        finally
        {
            _streams.Remove(session);
            session.Release();
        }
    }
}
