using Fluvio.Protocol.Native;

namespace Fluvio.Client;

/// <summary>
/// The connection to the SC and what it keeps current: watch streams for SPUs, partitions and
/// topics (wire protocol §4.9) feeding the stores producers and consumers route by. Dialled on
/// first use; when the connection drops, the next use dials again and the watches start over
/// with a fresh snapshot.
/// </summary>
internal sealed class ScSession(NativeSettings settings) : IAsyncDisposable
{
    private readonly SemaphoreSlim _dialLock = new(1, 1);
    private Connected? _current;

    internal sealed record Connected(
        NativeSocket Socket,
        short AdminVersion,
        MetadataStore<SpuSpec, SpuStatus> Spus,
        MetadataStore<PartitionSpec, PartitionStatus> Partitions,
        MetadataStore<Protocol.Native.TopicSpec, TopicStatus> Topics,
        List<IDisposable> Watches);

    public async Task<Connected> GetAsync(CancellationToken ct)
    {
        if (_current is { Socket.IsClosed: false } live)
        {
            return live;
        }
        await _dialLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_current is { Socket.IsClosed: false } raced)
            {
                return raced;
            }
            if (_current is { } stale)
            {
                await CloseAsync(stale).ConfigureAwait(false);
            }
            _current = await DialAsync(ct).ConfigureAwait(false);
            return _current;
        }
        finally
        {
            _dialLock.Release();
        }
    }

    private async Task<Connected> DialAsync(CancellationToken ct)
    {
        var socket = await settings.DialScAsync(ct).ConfigureAwait(false);
        try
        {
            CheckPlatform(socket);
            short watch = socket.VersionFor((ushort)ScApiKey.Watch, 15, FluvioApiVersions.ScCurrentVersion, -1);
            short admin = socket.VersionFor((ushort)ScApiKey.List, 15, FluvioApiVersions.ScCurrentVersion, -1);
            if (watch < ObjectEnvelope.FirstVersion || admin < ObjectEnvelope.FirstVersion)
            {
                throw new FluvioException(FluvioErrorCode.ConnectionFailed,
                    $"The Fluvio SC at {socket.Address} offers no Watch/List version this client speaks (15 to 16).");
            }
            var connected = new Connected(socket, admin, new(), new(), new(), []);
            connected.Watches.Add(await WatchAsync(socket, watch, ObjectLabel.Spu, connected.Spus).ConfigureAwait(false));
            connected.Watches.Add(await WatchAsync(socket, watch, ObjectLabel.Partition, connected.Partitions).ConfigureAwait(false));
            connected.Watches.Add(await WatchAsync(socket, watch, ObjectLabel.Topic, connected.Topics).ConfigureAwait(false));
            await Task.WhenAll(connected.Spus.Synced, connected.Partitions.Synced, connected.Topics.Synced)
                .WaitAsync(settings.Options.RequestTimeout, ct).ConfigureAwait(false);
            return connected;
        }
        catch (TimeoutException)
        {
            await socket.DisposeAsync().ConfigureAwait(false);
            throw new FluvioException(FluvioErrorCode.Timeout,
                $"The Fluvio SC at {socket.Address} sent no metadata within {ConnectionErrors.Seconds(settings.Options.RequestTimeout)}.");
        }
        catch
        {
            await socket.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The official client refuses clusters older than 0.9 (its minimum platform version).</summary>
    private static void CheckPlatform(NativeSocket socket)
    {
        string text = socket.PlatformVersion.Split('-', '+')[0];
        if (!Version.TryParse(text, out var version) || version < new Version(0, 9, 0))
        {
            throw new FluvioException(FluvioErrorCode.ConnectionFailed,
                $"The Fluvio cluster at {socket.Address} runs platform version '{socket.PlatformVersion}'; 0.9.0 or newer is needed.");
        }
    }

    private static Task<IDisposable> WatchAsync<TSpec, TStatus>(NativeSocket socket, short version, string label, MetadataStore<TSpec, TStatus> store)
        where TSpec : IWireCodec<TSpec>
        where TStatus : IWireCodec<TStatus> =>
        socket.OpenStreamAsync((ushort)ScApiKey.Watch, version,
            w => ObjectEnvelope.Write(w, label, body => new WatchObjectsRequest(0, false).Encode(body, version)),
            (payload, failure) =>
            {
                if (payload is null)
                {
                    return; // the connection ended: the next GetAsync dials again
                }
                var reader = new WireReader(payload);
                reader.I32();
                var envelope = ObjectEnvelope.Decode(reader, version);
                store.Apply(MetadataUpdate<TSpec, TStatus>.Decode(envelope.Reader(), version));
            });

    private static async Task CloseAsync(Connected connected)
    {
        connected.Watches.ForEach(w => w.Dispose());
        await connected.Socket.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _current, null) is { } connected)
        {
            await CloseAsync(connected).ConfigureAwait(false);
        }
    }
}
