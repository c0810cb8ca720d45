using Proto = Fluvio.Protocol.Grpc;

namespace Fluvio.Client;

/// <summary>Partition offsets and named consumer offsets.</summary>
public sealed partial class FluvioClient
{
    public async Task<PartitionOffsets> FetchOffsetsAsync(string topic, int partition, CancellationToken ct = default)
    {
        RequireName(topic, "Topic name");
        RequirePartition(partition);
        var request = new Proto.FetchOffsetsRequest { Topic = topic, Partition = (uint)partition };
        var response = await UnaryAsync(o => OffsetsApi.FetchOffsetsAsync(request, o), topic, ct).ConfigureAwait(false);
        return new PartitionOffsets(response.LogStart, response.EndOffset);
    }

    /// <summary>Records <paramref name="offset"/> as the last record <paramref name="consumer"/> has consumed.</summary>
    public async Task<ConsumerOffsetInfo> CommitOffsetAsync(string consumer, string topic, int partition, long offset, CancellationToken ct = default)
    {
        RequireName(consumer, "Consumer name");
        RequireName(topic, "Topic name");
        RequirePartition(partition);
        FluvioClientOptions.Require(offset >= 0, "The committed offset", "cannot be negative");
        var request = new Proto.CommitConsumerOffsetRequest { Consumer = consumer, Topic = topic, Partition = (uint)partition, Offset = offset };
        var response = await UnaryAsync(o => OffsetsApi.CommitConsumerOffsetAsync(request, o), topic, ct).ConfigureAwait(false);
        return ProtoConvert.ToOffsetInfo(response);
    }

    /// <summary>The committed offset, or null when the consumer has none for that partition.</summary>
    public async Task<ConsumerOffsetInfo?> GetOffsetAsync(string consumer, string topic, int partition, CancellationToken ct = default)
    {
        RequireName(consumer, "Consumer name");
        RequireName(topic, "Topic name");
        RequirePartition(partition);
        var request = new Proto.GetConsumerOffsetRequest { Consumer = consumer, Topic = topic, Partition = (uint)partition };
        try
        {
            var response = await UnaryAsync(o => OffsetsApi.GetConsumerOffsetAsync(request, o), topic, ct).ConfigureAwait(false);
            return ProtoConvert.ToOffsetInfo(response);
        }
        catch (FluvioException e) when (e.Code == FluvioErrorCode.ConsumerOffsetNotFound)
        {
            return null;
        }
    }

    /// <summary>Committed offsets, narrowed by consumer and/or topic when given.</summary>
    public async Task<IReadOnlyList<ConsumerOffsetInfo>> ListOffsetsAsync(string? consumer = null, string? topic = null, CancellationToken ct = default)
    {
        var request = new Proto.ListConsumerOffsetsRequest { Consumer = consumer ?? "", Topic = topic ?? "" };
        var response = await UnaryAsync(o => OffsetsApi.ListConsumerOffsetsAsync(request, o), topic, ct).ConfigureAwait(false);
        return response.Offsets.Select(ProtoConvert.ToOffsetInfo).ToArray();
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
        var request = new Proto.DeleteConsumerOffsetsRequest
        {
            Consumer = consumer,
            Topic = topic ?? "",
            HasPartition = partition.HasValue,
            Partition = (uint)(partition ?? 0),
        };
        var response = await UnaryAsync(o => OffsetsApi.DeleteConsumerOffsetsAsync(request, o), topic, ct).ConfigureAwait(false);
        return response.Deleted.Select(ProtoConvert.ToOffsetInfo).ToArray();
    }
}
