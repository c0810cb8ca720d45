using Fluvio.Protocol.Native;

namespace Fluvio.Client;

/// <summary>
/// Fluvio's native protocol (wire protocol §10.2): admin on the SC, produce, offsets and streams
/// on the partitions' leader SPUs. Admin reads use List (always current); routing uses the
/// SC's watch stores.
/// </summary>
internal sealed partial class NativeTransport : IClusterTransport
{
    private readonly NativeSettings _settings;
    private readonly ScSession _sc;

    private NativeTransport(Uri endpoint, NativeSettings settings)
    {
        _settings = settings;
        _sc = new ScSession(settings);
        Spus = new SpuPool(settings, _sc);
        Errors = new ConnectionErrors(endpoint, settings.Options.ConnectTimeout, settings.ScTls);
    }

    public ConnectionErrors Errors { get; }

    internal SpuPool Spus { get; }

    internal ConsumerStreams Streams { get; } = new();

    public static NativeTransport Create(Uri endpoint, FluvioClientOptions options)
    {
        if (options.Token is not null)
        {
            throw new FluvioException(FluvioErrorCode.InvalidArgument,
                "A token authenticates gRPC calls only; the native protocol authenticates with TLS client certificates (TlsClientCertificateFile).");
        }
        return new NativeTransport(endpoint, NativeSettings.From(endpoint, options));
    }

    public Task ProbeAsync(CancellationToken ct) => CallAsync(async () => await _sc.GetAsync(ct).ConfigureAwait(false), ct);

    public Task<TopicInfo> CreateTopicAsync(TopicSpec spec, CancellationToken ct) => CallAsync(async () =>
    {
        var native = NativeConvert.ToNative(spec);
        var cluster = await _sc.GetAsync(ct).ConfigureAwait(false);
        short version = cluster.Socket.VersionFor((ushort)ScApiKey.Create, 9, FluvioApiVersions.ScCurrentVersion, -1);
        RequireEnvelope(version, cluster.Socket);
        var writer = new WireWriter();
        native.Encode(writer, version);
        var create = new CreateObjectRequest(spec.Name, spec.DryRun, null, writer.ToArray());
        await StatusAsync(cluster.Socket, ScApiKey.Create, version, ObjectLabel.Topic, w => create.Encode(w, version), spec.Name, ct).ConfigureAwait(false);
        return NativeConvert.ToTopicInfo(spec.Name, native);
    }, ct);

    public Task DeleteTopicAsync(string name, CancellationToken ct) => CallAsync(async () =>
    {
        var cluster = await _sc.GetAsync(ct).ConfigureAwait(false);
        short version = cluster.Socket.VersionFor((ushort)ScApiKey.Delete, 1, FluvioApiVersions.ScCurrentVersion, -1);
        RequireEnvelope(version, cluster.Socket);
        var delete = new DeleteObjectRequest(name, false);
        await StatusAsync(cluster.Socket, ScApiKey.Delete, version, ObjectLabel.Topic, w => delete.Encode(w, version), name, ct).ConfigureAwait(false);
    }, ct);

    public Task<IReadOnlyList<TopicInfo>> ListTopicsAsync(CancellationToken ct) => CallAsync(async () =>
    {
        var topics = await ListAsync<Protocol.Native.TopicSpec, TopicStatus>(ObjectLabel.Topic, null, ct).ConfigureAwait(false);
        return (IReadOnlyList<TopicInfo>)topics.Select(t => NativeConvert.ToTopicInfo(t.Name, t.Spec, t.Status)).OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();
    }, ct);

    public Task<TopicInfo> DescribeTopicAsync(string name, CancellationToken ct) => CallAsync(async () =>
    {
        var topics = await ListAsync<Protocol.Native.TopicSpec, TopicStatus>(ObjectLabel.Topic, name, ct).ConfigureAwait(false);
        var topic = topics.FirstOrDefault(t => t.Name == name) ?? throw new FluvioException(FluvioErrorCode.TopicNotFound, $"Topic '{name}' not found.");
        return NativeConvert.ToTopicInfo(topic.Name, topic.Spec, topic.Status);
    }, ct);

    /// <summary>
    /// The SC's Update (§4.7) with UpdateTopicAction::AddPartition{count}, then the topic as the SC
    /// lists it now. The SC pushes the new partitions on the watch streams; routing also asks the
    /// SC again when a partition is not in its store yet (SpuPool), so a send right after works.
    /// </summary>
    public Task<TopicInfo> AddPartitionsAsync(string topic, int count, CancellationToken ct) => CallAsync(async () =>
    {
        var cluster = await _sc.GetAsync(ct).ConfigureAwait(false);
        short version = cluster.Socket.VersionFor((ushort)ScApiKey.Update, ObjectEnvelope.FirstVersion, FluvioApiVersions.ScCurrentVersion, -1);
        RequireEnvelope(version, cluster.Socket);
        var update = new UpdateObjectRequest(topic, UpdateTopicAction.AddPartition((uint)count));
        await StatusAsync(cluster.Socket, ScApiKey.Update, version, ObjectLabel.Topic, w => update.Encode(w, version), topic, ct).ConfigureAwait(false);
        return await DescribeTopicAsync(topic, ct).ConfigureAwait(false);
    }, ct);

    /// <summary>The SPUs as the SC lists them (List, so always current, not the watch store).</summary>
    public Task<IReadOnlyList<SpuInfo>> ListSpusAsync(CancellationToken ct) => CallAsync(async () =>
    {
        var spus = await ListAsync<SpuSpec, SpuStatus>(ObjectLabel.Spu, null, ct).ConfigureAwait(false);
        return (IReadOnlyList<SpuInfo>)spus.Select(s => NativeConvert.ToSpuInfo(s, _settings.Host)).OrderBy(s => s.Id).ToArray();
    }, ct);

    public Task<IReadOnlyList<PartitionInfo>> ListPartitionsAsync(string? topic, CancellationToken ct) => CallAsync(async () =>
    {
        var objects = await ListAsync<PartitionSpec, PartitionStatus>(ObjectLabel.Partition, topic is null ? null : topic + "-", ct).ConfigureAwait(false);
        var partitions = objects.Select(NativeConvert.ToPartitionInfo).OfType<PartitionInfo>()
            .Where(p => topic is null || p.Topic == topic)
            .OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition).ToArray();
        if (topic is not null && partitions.Length == 0)
        {
            throw new FluvioException(FluvioErrorCode.TopicNotFound, $"Topic '{topic}' not found.");
        }
        return (IReadOnlyList<PartitionInfo>)partitions;
    }, ct);

    public Task<PartitionOffsets> FetchOffsetsAsync(string topic, int partition, CancellationToken ct) => CallAsync(async () =>
        await NativeOffsets.FetchAsync(await Spus.LeaderAsync(topic, partition, ct).ConfigureAwait(false), topic, partition, ct).ConfigureAwait(false), ct);

    public Task<ConsumerOffsetInfo> CommitOffsetAsync(string consumer, string topic, int partition, long offset, CancellationToken ct) => CallAsync(async () =>
    {
        if (Streams.TryFind(consumer, topic, partition, out var socket, out uint streamId))
        {
            await NativeOffsets.CommitAsync(socket, streamId, offset, topic, ct).ConfigureAwait(false);
        }
        else
        {
            await CommitThroughOwnStreamAsync(consumer, topic, partition, offset, ct).ConfigureAwait(false);
        }
        return new ConsumerOffsetInfo(consumer, topic, partition, offset, DateTimeOffset.UtcNow);
    }, ct);

    /// <summary>
    /// No stream of this consumer is open: open one of our own from the committed record (it
    /// exists, it was consumed), learn its id from its first frame, commit, and close the connection.
    /// </summary>
    private async Task CommitThroughOwnStreamAsync(string consumer, string topic, int partition, long offset, CancellationToken ct)
    {
        var socket = await Spus.DialLeaderAsync(topic, partition, ct).ConfigureAwait(false);
        await using (socket.ConfigureAwait(false))
        {
            var options = new ConsumerOptions { Start = ConsumerStart.AtOffset(offset), Continuous = true, MaxBytes = 1, Consumer = consumer };
            var stream = new NativeConsumeStream(this, topic, partition, options, socket);
            await using (stream.ConfigureAwait(false))
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(_settings.Options.RequestTimeout);
                try
                {
                    // The made-up first response, then the first frame, which names the stream.
                    await stream.MoveNextAsync(timeout.Token).ConfigureAwait(false);
                    await stream.MoveNextAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new FluvioException(FluvioErrorCode.Timeout, $"Cannot commit offset {offset} of partition {partition} of topic '{topic}': the SPU sent no record at it.");
                }
                await NativeOffsets.CommitAsync(socket, stream.StreamId, offset, topic, ct).ConfigureAwait(false);
            }
        }
    }

    public Task<ConsumerOffsetInfo?> GetOffsetAsync(string consumer, string topic, int partition, CancellationToken ct) => CallAsync(async () =>
        await NativeOffsets.CommittedAsync(await Spus.LeaderAsync(topic, partition, ct).ConfigureAwait(false), consumer, topic, partition, ct).ConfigureAwait(false), ct);

    public Task<IReadOnlyList<ConsumerOffsetInfo>> ListOffsetsAsync(string? consumer, string? topic, CancellationToken ct) => CallAsync(async () =>
        (IReadOnlyList<ConsumerOffsetInfo>)(await AllOffsetsAsync(ct).ConfigureAwait(false))
            .Where(o => (consumer is null || o.Offset.Consumer == consumer) && (topic is null || o.Offset.Topic == topic))
            .Select(o => o.Offset).ToArray(), ct);

    public Task<IReadOnlyList<ConsumerOffsetInfo>> DeleteOffsetsAsync(string consumer, string? topic, int? partition, CancellationToken ct) => CallAsync(async () =>
    {
        var matching = (await AllOffsetsAsync(ct).ConfigureAwait(false))
            .Where(o => o.Offset.Consumer == consumer && (topic is null || o.Offset.Topic == topic) && (partition is null || o.Offset.Partition == partition))
            .ToArray();
        foreach (var (socket, offset) in matching)
        {
            await NativeOffsets.DeleteAsync(socket, offset, ct).ConfigureAwait(false);
        }
        return (IReadOnlyList<ConsumerOffsetInfo>)matching.Select(o => o.Offset).ToArray();
    }, ct);

    private async Task<List<(NativeSocket Socket, ConsumerOffsetInfo Offset)>> AllOffsetsAsync(CancellationToken ct)
    {
        var all = new List<(NativeSocket, ConsumerOffsetInfo)>();
        foreach (var socket in await Spus.AllAsync(ct).ConfigureAwait(false))
        {
            all.AddRange((await NativeOffsets.ListAsync(socket, ct).ConfigureAwait(false)).Select(o => (socket, o)));
        }
        return all;
    }

    public IProduceLink OpenProduceLink(string topic, IReadOnlyList<SmartModuleSpec>? smartModules = null) =>
        new NativeProduceLink(Spus, topic, _settings.Options.RequestTimeout, smartModules);

    public IConsumeStream OpenConsumeStream(string topic, int partition, ConsumerOptions options, CancellationToken ct) =>
        new NativeConsumeStream(this, topic, partition, options);

    public Task<ReadOnlyMemory<byte>> ReadOnceAsync(string topic, int partition, long offset, int maxBytes, ReadIsolation isolation, CancellationToken ct) => CallAsync(async () =>
        await NativeFetch.ReadAsync(await Spus.LeaderAsync(topic, partition, ct).ConfigureAwait(false), topic, partition, offset, maxBytes, isolation, ct).ConfigureAwait(false), ct);

    private async Task<IReadOnlyList<Metadata<TSpec, TStatus>>> ListAsync<TSpec, TStatus>(string label, string? filter, CancellationToken ct)
        where TSpec : IWireCodec<TSpec>
        where TStatus : IWireCodec<TStatus> =>
        await SpuPool.ListAsync<TSpec, TStatus>(await _sc.GetAsync(ct).ConfigureAwait(false), label, ct, filter).ConfigureAwait(false);

    private static async Task StatusAsync(NativeSocket socket, ScApiKey key, short version, string label, Action<WireWriter> body, string subject, CancellationToken ct)
    {
        var reader = await socket.RequestAsync((ushort)key, version, w => ObjectEnvelope.Write(w, label, body), ct).ConfigureAwait(false);
        var status = Status.Decode(reader, version);
        if (status.Error.IsError)
        {
            throw NativeErrorMapping.ToException(status.Error, subject, status.Message);
        }
    }

    private static void RequireEnvelope(short version, NativeSocket socket)
    {
        if (version < ObjectEnvelope.FirstVersion)
        {
            throw new FluvioException(FluvioErrorCode.ConnectionFailed, $"The Fluvio SC at {socket.Address} offers no admin version this client speaks (11 to 16).");
        }
    }

    /// <summary>Runs a call; connection-level failures become ConnectionFailed naming the cluster, the caller's cancellation stays one.</summary>
    private async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or TimeoutException
            or System.Security.Authentication.AuthenticationException or WireFormatException
            || e is OperationCanceledException && !ct.IsCancellationRequested)
        {
            throw Errors.Unreachable(e);
        }
    }

    private Task CallAsync(Func<Task> call, CancellationToken ct) =>
        CallAsync(async () => { await call().ConfigureAwait(false); return true; }, ct);

    public async ValueTask DisposeAsync()
    {
        await Spus.DisposeAsync().ConfigureAwait(false);
        await _sc.DisposeAsync().ConfigureAwait(false);
    }
}
