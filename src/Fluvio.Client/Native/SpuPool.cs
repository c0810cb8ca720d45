using System.Collections.Concurrent;
using System.Globalization;
using Fluvio.Protocol.Native;

namespace Fluvio.Client;

/// <summary>
/// One connection per SPU, shared by produce, offsets and streams (wire protocol §1.1), found
/// through the SC's metadata: partition "&lt;topic&gt;-&lt;p&gt;" → leader id → SPU → endpoint.
/// A closed connection is replaced on the next use.
/// </summary>
internal sealed class SpuPool(NativeSettings settings, ScSession sc) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<int, Lazy<Task<NativeSocket>>> _sockets = new();

    /// <summary>The connection to the leader of a partition; TopicNotFound/PartitionNotFound when there is none.</summary>
    public async Task<NativeSocket> LeaderAsync(string topic, int partition, CancellationToken ct)
    {
        var spu = await FindLeaderAsync(topic, partition, ct).ConfigureAwait(false);
        return await ConnectAsync(spu, ct).ConfigureAwait(false);
    }

    /// <summary>A connection of its own to the leader of a partition, which the caller closes.</summary>
    public async Task<NativeSocket> DialLeaderAsync(string topic, int partition, CancellationToken ct)
    {
        var spu = await FindLeaderAsync(topic, partition, ct).ConfigureAwait(false);
        return await DialAsync(spu).WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>A connection to every SPU the SC knows.</summary>
    public async Task<IReadOnlyList<NativeSocket>> AllAsync(CancellationToken ct)
    {
        var cluster = await sc.GetAsync(ct).ConfigureAwait(false);
        var sockets = new List<NativeSocket>();
        foreach (var spu in cluster.Spus.Objects.Values)
        {
            sockets.Add(await ConnectAsync(spu, ct).ConfigureAwait(false));
        }
        return sockets;
    }

    private async Task<Metadata<SpuSpec, SpuStatus>> FindLeaderAsync(string topic, int partition, CancellationToken ct)
    {
        string name = $"{topic}-{partition.ToString(CultureInfo.InvariantCulture)}";
        var cluster = await sc.GetAsync(ct).ConfigureAwait(false);
        if (!cluster.Partitions.Objects.TryGetValue(name, out var found))
        {
            // A watch frame may still be on its way: ask once before saying it does not exist.
            cluster.Partitions.Replace(await ListAsync<PartitionSpec, PartitionStatus>(cluster, ObjectLabel.Partition, ct).ConfigureAwait(false));
            cluster.Spus.Replace(await ListAsync<SpuSpec, SpuStatus>(cluster, ObjectLabel.Spu, ct).ConfigureAwait(false));
            cluster.Topics.Replace(await ListAsync<Protocol.Native.TopicSpec, TopicStatus>(cluster, ObjectLabel.Topic, ct).ConfigureAwait(false));
            if (!cluster.Partitions.Objects.TryGetValue(name, out found))
            {
                throw cluster.Topics.Objects.ContainsKey(topic)
                    ? new FluvioException(FluvioErrorCode.PartitionNotFound, $"Partition {partition} of topic '{topic}' does not exist.")
                    : new FluvioException(FluvioErrorCode.TopicNotFound, $"Topic '{topic}' not found.");
            }
        }
        int leader = found.Spec.Leader;
        return cluster.Spus.Objects.Values.FirstOrDefault(s => s.Spec.Id == leader)
            ?? throw new FluvioException(FluvioErrorCode.ConnectionFailed, $"The leader of partition {partition} of topic '{topic}' is SPU {leader}, which the SC does not list.");
    }

    internal static async Task<IReadOnlyList<Metadata<TSpec, TStatus>>> ListAsync<TSpec, TStatus>(ScSession.Connected cluster, string label, CancellationToken ct, string? filter = null)
        where TSpec : IWireCodec<TSpec>
        where TStatus : IWireCodec<TStatus>
    {
        short version = cluster.AdminVersion;
        var reader = await cluster.Socket.RequestAsync((ushort)ScApiKey.List, version,
            w => ObjectEnvelope.Write(w, label, body => new ListObjectsRequest(filter is null ? [] : [filter], false, false).Encode(body, version)), ct).ConfigureAwait(false);
        var envelope = ObjectEnvelope.Decode(reader, version);
        return ListResponse<TSpec, TStatus>.Decode(envelope.Reader(), version).Objects;
    }

    private Task<NativeSocket> ConnectAsync(Metadata<SpuSpec, SpuStatus> spu, CancellationToken ct)
    {
        int id = spu.Spec.Id;
        while (true)
        {
            var entry = _sockets.GetOrAdd(id, _ => new Lazy<Task<NativeSocket>>(() => DialAsync(spu)));
            var task = entry.Value;
            if (task.IsCompletedSuccessfully && task.Result.IsClosed || task.IsFaulted || task.IsCanceled)
            {
                // Dead, or a dial that failed: the next caller dials again.
                _sockets.TryRemove(KeyValuePair.Create(id, entry));
                if (!task.IsCompletedSuccessfully)
                {
                    return task;
                }
                continue;
            }
            return task.WaitAsync(ct);
        }
    }

    private Task<NativeSocket> DialAsync(Metadata<SpuSpec, SpuStatus> spu)
    {
        var endpoint = spu.Spec.PublicEndpoint;
        var ingress = endpoint.Ingress.FirstOrDefault();
        // An SPU that names no host is on the SC's host (a single-machine cluster).
        string host = ingress?.Ip ?? ingress?.Hostname ?? settings.Host;
        return settings.DialSpuAsync(spu.Name, host, endpoint.Port, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var entry in _sockets.Values)
        {
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully)
            {
                await entry.Value.Result.DisposeAsync().ConfigureAwait(false);
            }
        }
        _sockets.Clear();
    }
}
