namespace Fluvio.Client;

/// <summary>
/// How a <see cref="FluvioClient"/> reaches a cluster: gRPC to our broker, or Fluvio's native
/// protocol to an SC and its SPUs. The client validates arguments and owns producers and the
/// consumer loop; a transport only carries calls and maps its failures to
/// <see cref="FluvioException"/>. The produce and consume paths exchange the client's own types
/// (<see cref="ProduceCall"/>, <see cref="ProduceAnswer"/>, <see cref="ConsumedChunk"/>); only the
/// gRPC transport knows protobuf.
/// </summary>
internal interface IClusterTransport : IAsyncDisposable
{
    ConnectionErrors Errors { get; }

    /// <summary>One cheap call, so an unreachable cluster fails within the connect timeout.</summary>
    Task ProbeAsync(CancellationToken ct);

    Task<TopicInfo> CreateTopicAsync(TopicSpec spec, CancellationToken ct);
    Task DeleteTopicAsync(string name, CancellationToken ct);
    Task<IReadOnlyList<TopicInfo>> ListTopicsAsync(CancellationToken ct);
    Task<TopicInfo> DescribeTopicAsync(string name, CancellationToken ct);
    Task<IReadOnlyList<PartitionInfo>> ListPartitionsAsync(string? topic, CancellationToken ct);

    /// <summary>Adds <paramref name="count"/> partitions to <paramref name="topic"/>; answers the topic as it is now.</summary>
    Task<TopicInfo> AddPartitionsAsync(string topic, int count, CancellationToken ct);

    /// <summary>The cluster's SPUs (over gRPC: the broker itself).</summary>
    Task<IReadOnlyList<SpuInfo>> ListSpusAsync(CancellationToken ct);

    Task<PartitionOffsets> FetchOffsetsAsync(string topic, int partition, CancellationToken ct);
    Task<ConsumerOffsetInfo> CommitOffsetAsync(string consumer, string topic, int partition, long offset, CancellationToken ct);

    /// <summary>The committed offset, or null when there is none.</summary>
    Task<ConsumerOffsetInfo?> GetOffsetAsync(string consumer, string topic, int partition, CancellationToken ct);

    /// <summary>Committed offsets matching the filters (null = any).</summary>
    Task<IReadOnlyList<ConsumerOffsetInfo>> ListOffsetsAsync(string? consumer, string? topic, CancellationToken ct);

    Task<IReadOnlyList<ConsumerOffsetInfo>> DeleteOffsetsAsync(string consumer, string? topic, int? partition, CancellationToken ct);

    /// <summary>A new produce link for one producer of <paramref name="topic"/>; no I/O until its first write.</summary>
    Task<SmartModuleInfo> CreateSmartModuleAsync(string name, ReadOnlyMemory<byte> wasm, CancellationToken ct);
    Task<IReadOnlyList<SmartModuleInfo>> ListSmartModulesAsync(CancellationToken ct);
    Task DeleteSmartModuleAsync(string name, CancellationToken ct);

    IProduceLink OpenProduceLink(string topic, IReadOnlyList<SmartModuleSpec>? smartModules = null);

    /// <summary>One partition's stream from where <paramref name="options"/> say; the first chunk says where it starts and stops.</summary>
    IConsumeStream OpenConsumeStream(string topic, int partition, ConsumerOptions options, CancellationToken ct);

    /// <summary>
    /// One bounded read with no stream left open (native Fetch, gRPC Read): whole batches from the
    /// one holding <paramref name="offset"/>, empty at the end. A real SPU may cut the last batch
    /// at <paramref name="maxBytes"/>.
    /// </summary>
    Task<ReadOnlyMemory<byte>> ReadOnceAsync(string topic, int partition, long offset, int maxBytes, ReadIsolation isolation, CancellationToken ct);
}
