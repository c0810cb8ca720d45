using Fluvio.Broker.Core;
using Fluvio.Protocol.Grpc;
using Fluvio.Storage;
using GrpcTopic = Fluvio.Protocol.Grpc.Topic;

namespace Fluvio.Broker;

/// <summary>Converts topic configuration between the gRPC contract and storage.</summary>
internal static class TopicMapping
{
    /// <summary>The request as storage's config; throws InvalidArgument for a value no topic can have.</summary>
    public static TopicConfig ToConfig(CreateTopicRequest request)
    {
        var defaults = TopicConfig.Defaults;
        return defaults with
        {
            Name = request.Name,
            Partitions = request.Partitions == 0 ? defaults.Partitions : BrokerCore.PartitionIndex(request.Partitions), // past int range: refused by the core's limit
            ReplicationFactor = request.ReplicationFactor == 0 ? defaults.ReplicationFactor : BrokerCore.PartitionIndex(request.ReplicationFactor),
            Retention = request.RetentionSeconds == 0 ? defaults.Retention : TopicRules.Retention(request.Name, request.RetentionSeconds),
            SegmentSize = request.SegmentSize == 0 ? defaults.SegmentSize : request.SegmentSize,
            MaxPartitionSize = request.MaxPartitionSize == 0 ? defaults.MaxPartitionSize : request.MaxPartitionSize,
            Compression = request.Compression.ToTopicCompression(),
            CreatedAt = DateTimeOffset.UtcNow,
        };
    }

    public static GrpcTopic ToGrpc(TopicConfig config) => new()
    {
        Name = config.Name,
        Partitions = (uint)config.Partitions,
        ReplicationFactor = (uint)config.ReplicationFactor,
        RetentionSeconds = (long)config.Retention.TotalSeconds,
        SegmentSize = config.SegmentSize,
        MaxPartitionSize = config.MaxPartitionSize,
        Compression = config.Compression.ToGrpc(),
        CreatedUnixMs = config.CreatedAt.ToUnixTimeMilliseconds(),
        // A topic is listed only once all its partitions exist (create and add are atomic).
        Status = "Provisioned",
        Reason = "",
    };
}
