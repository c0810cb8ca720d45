using Fluvio.Client;
using Fluvio.Client.LocalCluster;
using Fluvio.Protocol.Compression;
using ClientProfile = Fluvio.Client.FluvioProfile;
using ClientTlsPolicy = Fluvio.Client.FluvioTlsPolicy;

namespace Fluvio.PowerShell;

/// <summary>Client-library results to the types users see (which live in the default load context).</summary>
internal static class ModelMapping
{
    public static FluvioTopic ToTopic(TopicInfo topic) => new()
    {
        Name = topic.Name,
        Partitions = topic.Partitions,
        ReplicationFactor = topic.ReplicationFactor,
        RetentionTime = topic.Retention,
        SegmentSize = topic.SegmentSize,
        MaxPartitionSize = topic.MaxPartitionSize,
        Compression = topic.Compression switch
        {
            TopicCompression.None => FluvioTopicCompression.None,
            TopicCompression.Gzip => FluvioTopicCompression.Gzip,
            TopicCompression.Snappy => FluvioTopicCompression.Snappy,
            TopicCompression.Lz4 => FluvioTopicCompression.Lz4,
            TopicCompression.Zstd => FluvioTopicCompression.Zstd,
            _ => FluvioTopicCompression.Any,
        },
        CreatedAt = topic.CreatedAt,
        Type = topic.Type,
        Status = topic.Status,
        Reason = topic.Reason,
    };

    public static FluvioPartition ToPartition(PartitionInfo partition) => new()
    {
        Topic = partition.Topic,
        Partition = partition.Partition,
        Leader = partition.Leader,
        LogStartOffset = partition.LogStart,
        EndOffset = partition.EndOffset,
        SizeBytes = partition.SizeBytes,
        Status = partition.Status,
        Replicas = partition.Replicas?.ToArray() ?? [],
        LogEndOffset = partition.LogEndOffset,
        LiveReplicas = partition.LiveReplicas,
    };

    public static FluvioCluster ToCluster(ClusterInfo cluster, string endpoint) => new()
    {
        Endpoint = endpoint,
        Protocol = cluster.IsNative ? "native" : "gRPC",
        Reachable = true,
        Spus = cluster.Spus.Select(s => new FluvioSpu
        {
            Id = s.Id,
            Name = s.Name,
            Type = s.Type,
            Endpoint = s.Endpoint,
            Status = s.Status,
            Rack = s.Rack,
        }).ToArray(),
        TopicCount = cluster.TopicCount,
        PartitionCount = cluster.PartitionCount,
        StorageBytes = cluster.StorageBytes,
    };

    public static FluvioConsumer ToConsumer(ConsumerLag lag) => new()
    {
        Consumer = lag.Consumer,
        Topic = lag.Topic,
        Partition = lag.Partition,
        Offset = lag.Offset,
        Lag = lag.Lag,
        LastSeen = lag.LastCommit,
    };

    public static FluvioProfile ToProfile(ClientProfile profile) => new()
    {
        Name = profile.Name,
        IsCurrent = profile.IsCurrent,
        Cluster = profile.ClusterName,
        Endpoint = profile.Endpoint,
        Tls = profile.Tls.Policy switch
        {
            ClientTlsPolicy.Anonymous => FluvioTlsPolicy.Anonymous,
            ClientTlsPolicy.Verified => FluvioTlsPolicy.Verified,
            _ => FluvioTlsPolicy.Disabled,
        },
        TlsDomain = profile.Tls.Domain,
        Path = profile.ConfigPath,
    };

    public static FluvioLocalCluster ToLocalCluster(LocalClusterInfo info) => new()
    {
        ProcessId = info.ProcessId,
        Endpoint = info.Endpoint,
        ScEndpoint = info.ScEndpoint,
        SpuEndpoint = info.SpuEndpoint,
        DataDirectory = info.DataDirectory,
        StartTime = info.StartTime,
        LogFile = info.LogFile,
    };

    // The module's own enums stand for the shared ones because the types users name in scripts
    // must live in this assembly (the default load context), not in the isolated Fluvio.Protocol.
    public static TopicCompression ToClient(FluvioTopicCompression compression) => compression switch
    {
        FluvioTopicCompression.None => TopicCompression.None,
        FluvioTopicCompression.Gzip => TopicCompression.Gzip,
        FluvioTopicCompression.Snappy => TopicCompression.Snappy,
        FluvioTopicCompression.Lz4 => TopicCompression.Lz4,
        FluvioTopicCompression.Zstd => TopicCompression.Zstd,
        _ => TopicCompression.Any,
    };

    public static CompressionCodec ToCodec(FluvioCompression compression) => compression switch
    {
        FluvioCompression.Gzip => CompressionCodec.Gzip,
        FluvioCompression.Snappy => CompressionCodec.Snappy,
        FluvioCompression.Lz4 => CompressionCodec.Lz4,
        FluvioCompression.Zstd => CompressionCodec.Zstd,
        _ => CompressionCodec.None,
    };

    public static ReadIsolation ToIsolation(FluvioIsolation isolation) =>
        isolation == FluvioIsolation.ReadUncommitted ? ReadIsolation.ReadUncommitted : ReadIsolation.ReadCommitted;
}
