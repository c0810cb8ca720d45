namespace Fluvio.Client;

/// <summary>
/// A cluster's health as <c>fluvio cluster status</c> and <c>fluvio cluster spu list</c> give it:
/// its SPUs, how many are online, and what it holds. <see cref="StorageBytes"/> sums the partition
/// sizes the cluster reports (a partition that reports none counts 0).
/// </summary>
public sealed record ClusterInfo(
    Uri Endpoint,
    bool IsNative,
    IReadOnlyList<SpuInfo> Spus,
    int TopicCount,
    int PartitionCount,
    long StorageBytes)
{
    public int OnlineSpus => Spus.Count(s => s.Status == SpuInfo.Online);
}

/// <summary>
/// One SPU (streaming processing unit): its id, name, the public endpoint clients dial, its
/// status ("Online", "Offline", "Init") and rack. Over gRPC our broker is one node: one SPU,
/// the broker itself, at the endpoint the client uses.
/// </summary>
public sealed record SpuInfo(int Id, string Name, string Endpoint, string Status, string? Rack, string Type)
{
    public const string Online = "Online";
}
