using Fluvio.Client;
using Fluvio.Client.LocalCluster;
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
        Compression = (FluvioTopicCompression)(int)topic.Compression,
        CreatedAt = topic.CreatedAt,
    };

    public static FluvioPartition ToPartition(PartitionInfo partition) => new()
    {
        Topic = partition.Topic,
        Partition = partition.Partition,
        Leader = partition.Leader,
        LogStartOffset = partition.LogStart,
        EndOffset = partition.EndOffset,
        SizeBytes = partition.SizeBytes,
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

    public static TopicCompression ToClient(FluvioTopicCompression compression) => (TopicCompression)(int)compression;
}
