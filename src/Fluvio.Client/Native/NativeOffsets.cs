using Fluvio.Protocol.Native;

namespace Fluvio.Client;

/// <summary>Offset requests on an SPU connection (wire protocol §5.3, §5.6).</summary>
internal static class NativeOffsets
{
    public static async Task<PartitionOffsets> FetchAsync(NativeSocket socket, string topic, int partition, CancellationToken ct)
    {
        short version = socket.VersionFor((ushort)SpuApiKey.FetchOffsets, 22, FluvioApiVersions.SpuCurrentVersion, FluvioApiVersions.SpuCurrentVersion);
        var request = new FetchOffsetsRequest([new FetchOffsetTopic(topic, [(uint)partition])], null);
        var reader = await socket.RequestAsync((ushort)SpuApiKey.FetchOffsets, version, w => request.Encode(w, version), ct).ConfigureAwait(false);
        var answer = FetchOffsetsResponse.Decode(reader, version).Topics.SelectMany(t => t.Partitions).FirstOrDefault(p => p.PartitionIndex == (uint)partition)
            ?? throw new FluvioException(FluvioErrorCode.PartitionNotFound, $"The SPU did not answer for partition {partition} of topic '{topic}'.");
        if (answer.Error.IsError)
        {
            throw NativeErrorMapping.ToException(answer.Error, topic);
        }
        return new PartitionOffsets(answer.StartOffset, answer.LastStableOffset);
    }

    /// <summary>Every committed offset the SPU keeps.</summary>
    public static async Task<IReadOnlyList<ConsumerOffsetInfo>> ListAsync(NativeSocket socket, CancellationToken ct)
    {
        short version = ConsumerOffsetVersion(socket, SpuApiKey.FetchConsumerOffsets);
        var reader = await socket.RequestAsync((ushort)SpuApiKey.FetchConsumerOffsets, version, w => new FetchConsumerOffsetsRequest().Encode(w, version), ct).ConfigureAwait(false);
        var answer = FetchConsumerOffsetsResponse.Decode(reader, version);
        if (answer.Error.IsError)
        {
            throw NativeErrorMapping.ToException(answer.Error, "consumer offsets");
        }
        return answer.Consumers.Select(c => new ConsumerOffsetInfo(c.ConsumerId, c.Replica.Topic, (int)c.Replica.Partition, c.Offset,
            DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Min(c.ModifiedTime, (ulong)long.MaxValue)))).ToArray();
    }

    public static async Task<ConsumerOffsetInfo?> CommittedAsync(NativeSocket socket, string consumer, string topic, int partition, CancellationToken ct) =>
        (await ListAsync(socket, ct).ConfigureAwait(false)).FirstOrDefault(o => o.Consumer == consumer && o.Topic == topic && o.Partition == partition);

    public static async Task DeleteAsync(NativeSocket socket, ConsumerOffsetInfo offset, CancellationToken ct)
    {
        short version = ConsumerOffsetVersion(socket, SpuApiKey.DeleteConsumerOffset);
        var request = new DeleteConsumerOffsetRequest(new ReplicaKey(offset.Topic, (uint)offset.Partition), offset.Consumer);
        var reader = await socket.RequestAsync((ushort)SpuApiKey.DeleteConsumerOffset, version, w => request.Encode(w, version), ct).ConfigureAwait(false);
        var answer = ErrorResponse.Decode(reader, version);
        if (answer.Error.IsError)
        {
            throw NativeErrorMapping.ToException(answer.Error, offset.Topic);
        }
    }

    /// <summary>Commits through a stream that names the consumer (the only way the protocol has).</summary>
    public static async Task CommitAsync(NativeSocket socket, uint streamId, long offset, string topic, CancellationToken ct)
    {
        short version = ConsumerOffsetVersion(socket, SpuApiKey.UpdateConsumerOffset);
        var request = new UpdateConsumerOffsetRequest(offset, streamId);
        var reader = await socket.RequestAsync((ushort)SpuApiKey.UpdateConsumerOffset, version, w => request.Encode(w, version), ct).ConfigureAwait(false);
        var answer = UpdateConsumerOffsetResponse.Decode(reader, version);
        if (answer.Error.IsError)
        {
            throw NativeErrorMapping.ToException(answer.Error, topic);
        }
    }

    // The SPU does not list the consumer-offset keys (§3.4): the client's default, 23, applies.
    private static short ConsumerOffsetVersion(NativeSocket socket, SpuApiKey key) =>
        socket.VersionFor((ushort)key, 22, FluvioApiVersions.SpuCurrentVersion, FluvioApiVersions.SpuCurrentVersion);
}
