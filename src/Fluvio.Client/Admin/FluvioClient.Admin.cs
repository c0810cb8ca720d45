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
}
