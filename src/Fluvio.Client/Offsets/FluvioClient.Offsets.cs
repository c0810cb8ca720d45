namespace Fluvio.Client;

/// <summary>Partition offsets and named consumer offsets.</summary>
public sealed partial class FluvioClient
{
    public async Task<PartitionOffsets> FetchOffsetsAsync(string topic, int partition, CancellationToken ct = default)
    {
        RequireName(topic, "Topic name");
        RequirePartition(partition);
        ThrowIfDisposed();
        return await _transport.FetchOffsetsAsync(topic, partition, ct).ConfigureAwait(false);
    }

    /// <summary>Records <paramref name="offset"/> as the last record <paramref name="consumer"/> has consumed.</summary>
    public async Task<ConsumerOffsetInfo> CommitOffsetAsync(string consumer, string topic, int partition, long offset, CancellationToken ct = default)
    {
        RequireName(consumer, "Consumer name");
        RequireName(topic, "Topic name");
        RequirePartition(partition);
        FluvioClientOptions.Require(offset >= 0, "The committed offset", "cannot be negative");
        ThrowIfDisposed();
        return await _transport.CommitOffsetAsync(consumer, topic, partition, offset, ct).ConfigureAwait(false);
    }

    /// <summary>The committed offset, or null when the consumer has none for that partition.</summary>
    public async Task<ConsumerOffsetInfo?> GetOffsetAsync(string consumer, string topic, int partition, CancellationToken ct = default)
    {
        RequireName(consumer, "Consumer name");
        RequireName(topic, "Topic name");
        RequirePartition(partition);
        ThrowIfDisposed();
        return await _transport.GetOffsetAsync(consumer, topic, partition, ct).ConfigureAwait(false);
    }

    /// <summary>Committed offsets, narrowed by consumer and/or topic when given.</summary>
    public Task<IReadOnlyList<ConsumerOffsetInfo>> ListOffsetsAsync(string? consumer = null, string? topic = null, CancellationToken ct = default)
    {
        ThrowIfDisposed();
        return _transport.ListOffsetsAsync(consumer, topic, ct);
    }

    /// <summary>Deletes a consumer's offsets (on every topic, one topic, or one partition) and returns those deleted.</summary>
    public async Task<IReadOnlyList<ConsumerOffsetInfo>> DeleteOffsetsAsync(string consumer, string? topic = null, int? partition = null, CancellationToken ct = default)
    {
        RequireName(consumer, "Consumer name");
        if (partition is { } p)
        {
            FluvioClientOptions.Require(topic is not null, "A partition", "needs a topic");
            RequirePartition(p);
        }
        ThrowIfDisposed();
        return await _transport.DeleteOffsetsAsync(consumer, topic, partition, ct).ConfigureAwait(false);
    }
}
