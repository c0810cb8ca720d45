using System.Globalization;
using Fluvio.Protocol.Native;
using NativeTopicSpec = Fluvio.Protocol.Native.TopicSpec;

namespace Fluvio.Client;

/// <summary>Between the native objects (wire protocol §4.8) and the client's own types.</summary>
internal static class NativeConvert
{
    public static NativeTopicSpec ToNative(TopicSpec spec) => new(
        new ComputedReplicas((uint)spec.Partitions, (uint)spec.ReplicationFactor, IgnoreRackAssignment: false),
        spec.Retention is { } r ? new CleanupPolicy((uint)Math.Clamp(Math.Ceiling(r.TotalSeconds), 1, uint.MaxValue)) : null,
        spec.SegmentSize is not null || spec.MaxPartitionSize is not null
            ? new TopicStorageConfig(spec.SegmentSize is { } s ? (uint)Math.Min(s, uint.MaxValue) : null, spec.MaxPartitionSize is { } m ? (ulong)m : null)
            : null,
        spec.Compression);

    /// <summary>The native protocol carries no creation time: <see cref="TopicInfo.CreatedAt"/> is null.</summary>
    public static TopicInfo ToTopicInfo(string name, NativeTopicSpec spec, TopicStatus? status = null) => new(
        name,
        spec.Replicas.PartitionCount,
        spec.Replicas switch
        {
            ComputedReplicas c => (int)Math.Min(c.ReplicationFactor, int.MaxValue),
            AssignedReplicas a => a.Maps.Count == 0 ? 0 : a.Maps[0].Replicas.Count,
            _ => 1,
        },
        spec.CleanupPolicy is { } cleanup ? TimeSpan.FromSeconds(cleanup.TimeInSeconds) : TopicDefaults.Retention,
        spec.Storage?.SegmentSize is { } segment ? segment : TopicDefaults.SegmentSize,
        spec.Storage?.MaxPartitionSize is { } max ? (long)Math.Min(max, long.MaxValue) : TopicDefaults.MaxPartitionSize,
        spec.Compression,
        null,
        spec.Replicas switch
        {
            ComputedReplicas => TopicInfo.Computed,
            AssignedReplicas => "assigned",
            _ => "mirror",
        },
        // The enum's names are Fluvio's (its Display text without "resolution::"); an unknown value shows as its number.
        status?.Resolution.ToString(),
        status?.Reason);

    /// <summary>An SPU object; its endpoint as clients dial it (an SPU naming no host is on the SC's host).</summary>
    public static SpuInfo ToSpuInfo(Metadata<SpuSpec, SpuStatus> spu, string scHost)
    {
        var endpoint = spu.Spec.PublicEndpoint;
        var ingress = endpoint.Ingress.FirstOrDefault();
        string host = ingress?.Hostname ?? ingress?.Ip ?? scHost;
        string status = spu.Status.Resolution switch
        {
            0 => SpuInfo.Online,
            1 => "Offline",
            2 => "Init",
            var other => other.ToString(CultureInfo.InvariantCulture),
        };
        string type = spu.Spec.Type == SpuType.Managed ? "managed" : "custom";
        return new SpuInfo(spu.Spec.Id, spu.Name, $"{host}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}", status, spu.Spec.Rack, type);
    }

    /// <summary>A partition object "&lt;topic&gt;-&lt;index&gt;" (split at the last '-', §10.3) as a <see cref="PartitionInfo"/>.</summary>
    public static PartitionInfo? ToPartitionInfo(Metadata<PartitionSpec, PartitionStatus> partition)
    {
        int dash = partition.Name.LastIndexOf('-');
        if (dash <= 0 || !int.TryParse(partition.Name.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
        {
            return null;
        }
        var status = partition.Status;
        return new PartitionInfo(partition.Name[..dash], index, partition.Spec.Leader,
            status.BaseOffset, status.Leader.HighWatermark, Math.Max(0, status.Size),
            status.Resolution.ToString(),
            partition.Spec.Replicas.ToArray(), status.Leader.EndOffset, (int)Math.Min(status.LiveReplicas, int.MaxValue));
    }
}
