using System.Globalization;
using Fluvio.Broker.Core;
using Fluvio.Protocol.Native;
using Fluvio.Storage;

namespace Fluvio.Broker.Native;

/// <summary>One object as List and Watch send it: its name and how to encode its Metadata at a version.</summary>
internal sealed record MetadataObject(string Name, Action<WireWriter, short> Encode);

/// <summary>
/// The SC's view of this single node (wire protocol §4.9): one SPU, every stored topic, and its
/// partitions, each led by that SPU. Built from storage on demand, so both front doors agree.
/// </summary>
internal sealed class ClusterMetadata(BrokerCore core, SpuSpec spu)
{
    /// <summary>The id this node's SPU goes by; every partition's leader.</summary>
    public const int SpuId = BrokerCore.LocalSpuId;

    public BrokerCore Core => core;

    /// <summary>The SPU object; its public endpoint is the SPU listener clients dial.</summary>
    public MetadataObject Spu { get; } = Wrap(spu.Id.ToString(CultureInfo.InvariantCulture), spu, new SpuStatus(SpuStatus.Online));

    public static string PartitionName(string topic, int partition) => $"{topic}-{partition.ToString(CultureInfo.InvariantCulture)}";

    public MetadataObject Topic(TopicConfig config)
    {
        var replicaMap = Enumerable.Range(0, config.Partitions)
            .Select(p => new KeyValuePair<uint, IReadOnlyList<int>>((uint)p, [SpuId]))
            .ToList();
        var status = new TopicStatus(TopicResolution.Provisioned, replicaMap, [], "");
        return Wrap(config.Name, TopicSpecMapping.ToSpec(config), status);
    }

    /// <summary>The topic's partitions, with the offsets they have now.</summary>
    public IEnumerable<MetadataObject> Partitions(TopicConfig config)
    {
        for (int p = 0; p < config.Partitions; p++)
        {
            yield return Partition(config, p);
        }
    }

    public MetadataObject Partition(TopicConfig config, int partition)
    {
        var spec = new PartitionSpec(
            SpuId,
            [SpuId],
            TopicSpecMapping.CleanupPolicyOf(config),
            TopicSpecMapping.StorageOf(config),
            config.Compression);
        long start = 0, end = 0, size = 0;
        bool online = true;
        try
        {
            var log = core.Partition(config.Name, partition);
            (start, end, size, online) = (log.LogStartOffset, log.EndOffset, log.SizeBytes, log.Fault is null);
        }
        catch (StorageException)
        {
            // Deleted meanwhile, or fenced: the object is still described, with empty offsets.
        }
        // One replica, the leader, with nothing unreplicated: HW = LEO. A faulted partition is Offline.
        var status = new PartitionStatus(online ? PartitionResolution.Online : PartitionResolution.Offline,
            new ReplicaStatus(SpuId, end, end), online ? 1u : 0u, [], size, false, start);
        return Wrap(PartitionName(config.Name, partition), spec, status);
    }

    /// <summary>Every object of a kind; kinds this node has none of (SmartModule, SpuGroup…) are empty.</summary>
    public IReadOnlyList<MetadataObject> All(string label, IEnumerable<TopicConfig> topics) => label switch
    {
        ObjectLabel.Topic => topics.Select(Topic).ToList(),
        ObjectLabel.Partition => topics.SelectMany(Partitions).ToList(),
        ObjectLabel.Spu => [Spu],
        _ => [],
    };

    private static MetadataObject Wrap<TSpec, TStatus>(string name, TSpec spec, TStatus status)
        where TSpec : IWireCodec<TSpec>
        where TStatus : IWireCodec<TStatus>
    {
        var metadata = new Metadata<TSpec, TStatus>(name, spec, status);
        return new MetadataObject(name, metadata.Encode);
    }
}
