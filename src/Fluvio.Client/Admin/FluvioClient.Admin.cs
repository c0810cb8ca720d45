using Proto = Fluvio.Protocol.Grpc;

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
        var topic = await UnaryAsync(o => AdminApi.CreateTopicAsync(ProtoConvert.ToRequest(spec), o), spec.Name, ct).ConfigureAwait(false);
        return ProtoConvert.ToTopicInfo(topic);
    }

    public async Task DeleteTopicAsync(string name, CancellationToken ct = default)
    {
        RequireName(name, "Topic name");
        await UnaryAsync(o => AdminApi.DeleteTopicAsync(new Proto.DeleteTopicRequest { Name = name }, o), name, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TopicInfo>> ListTopicsAsync(CancellationToken ct = default)
    {
        var response = await UnaryAsync(o => AdminApi.ListTopicsAsync(new Proto.ListTopicsRequest(), o), null, ct).ConfigureAwait(false);
        return response.Topics.Select(ProtoConvert.ToTopicInfo).ToArray();
    }

    public async Task<TopicInfo> DescribeTopicAsync(string name, CancellationToken ct = default)
    {
        RequireName(name, "Topic name");
        var topic = await UnaryAsync(o => AdminApi.DescribeTopicAsync(new Proto.DescribeTopicRequest { Name = name }, o), name, ct).ConfigureAwait(false);
        return ProtoConvert.ToTopicInfo(topic);
    }

    /// <summary>The partitions of <paramref name="topic"/>, or of every topic when it is null.</summary>
    public async Task<IReadOnlyList<PartitionInfo>> ListPartitionsAsync(string? topic = null, CancellationToken ct = default)
    {
        var request = new Proto.ListPartitionsRequest { Topic = topic ?? "" };
        var response = await UnaryAsync(o => AdminApi.ListPartitionsAsync(request, o), topic, ct).ConfigureAwait(false);
        return response.Partitions.Select(ProtoConvert.ToPartitionInfo).ToArray();
    }
}
