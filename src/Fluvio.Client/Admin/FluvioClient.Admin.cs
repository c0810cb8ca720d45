namespace Fluvio.Client;

/// <summary>Topics and partitions.</summary>
public sealed partial class FluvioClient
{
    public async Task<TopicInfo> CreateTopicAsync(TopicSpec spec, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (string.IsNullOrWhiteSpace(spec.Name))
        {
            throw new FluvioException(FluvioErrorCode.InvalidTopicName, "Topic name is required.");
        }
        FluvioClientOptions.Require(spec.Partitions >= 1, nameof(spec.Partitions), "must be at least 1");
        FluvioClientOptions.Require(spec.ReplicationFactor >= 1, nameof(spec.ReplicationFactor), "must be at least 1");
        FluvioClientOptions.Require(spec.Retention is not { } r || r > TimeSpan.Zero, nameof(spec.Retention), "must be positive");
        FluvioClientOptions.Require(spec.SegmentSize is not { } s || s > 0, nameof(spec.SegmentSize), "must be positive");
        FluvioClientOptions.Require(spec.MaxPartitionSize is not { } m || m > 0, nameof(spec.MaxPartitionSize), "must be positive");
        ThrowIfDisposed();
        return await _transport.CreateTopicAsync(spec, ct).ConfigureAwait(false);
    }

    public async Task DeleteTopicAsync(string name, CancellationToken ct = default)
    {
        RequireName(name, "Topic name");
        ThrowIfDisposed();
        await _transport.DeleteTopicAsync(name, ct).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<TopicInfo>> ListTopicsAsync(CancellationToken ct = default)
    {
        ThrowIfDisposed();
        return _transport.ListTopicsAsync(ct);
    }

    public async Task<TopicInfo> DescribeTopicAsync(string name, CancellationToken ct = default)
    {
        RequireName(name, "Topic name");
        ThrowIfDisposed();
        return await _transport.DescribeTopicAsync(name, ct).ConfigureAwait(false);
    }

    /// <summary>The partitions of <paramref name="topic"/>, or of every topic when it is null.</summary>
    public Task<IReadOnlyList<PartitionInfo>> ListPartitionsAsync(string? topic = null, CancellationToken ct = default)
    {
        ThrowIfDisposed();
        return _transport.ListPartitionsAsync(topic, ct);
    }

    /// <summary>
    /// Adds <paramref name="count"/> partitions to <paramref name="topic"/> (Fluvio's
    /// <c>topic add-partition</c>) and answers the topic as it is now. Keys hash modulo the
    /// partition count, so from now on most keys map to a different partition than before.
    /// This client's open producers of the topic switch to the new count at once (their next
    /// send hashes over it); producers of other clients keep the count they started with
    /// until they are created again. A count below 1 is InvalidArgument here; the broker
    /// refuses counts past its limits.
    /// </summary>
    public async Task<TopicInfo> AddPartitionsAsync(string topic, int count, CancellationToken ct = default)
    {
        RequireName(topic, "Topic name");
        FluvioClientOptions.Require(count >= 1, nameof(count), "must be at least 1");
        ThrowIfDisposed();
        var grown = await _transport.AddPartitionsAsync(topic, count, ct).ConfigureAwait(false);
        foreach (var producer in _producers.Keys)
        {
            if (producer.Topic == grown.Name)
            {
                producer.GrowPartitions(grown.Partitions);
            }
        }
        return grown;
    }

    /// <summary>
    /// The cluster's health: its SPUs (id, endpoint, status), topics, partitions and the bytes
    /// they store. An unreachable cluster fails with <see cref="FluvioErrorCode.ConnectionFailed"/>.
    /// </summary>
    public async Task<ClusterInfo> GetClusterAsync(CancellationToken ct = default)
    {
        ThrowIfDisposed();
        var spus = await _transport.ListSpusAsync(ct).ConfigureAwait(false);
        var topics = await _transport.ListTopicsAsync(ct).ConfigureAwait(false);
        var partitions = await _transport.ListPartitionsAsync(null, ct).ConfigureAwait(false);
        return new ClusterInfo(Endpoint, IsNative, spus, topics.Count, partitions.Count, partitions.Sum(p => Math.Max(0, p.SizeBytes)));
    }
}
