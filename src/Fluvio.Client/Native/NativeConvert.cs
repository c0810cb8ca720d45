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
    public static TopicInfo ToTopicInfo(string name, NativeTopicSpec spec) => new(
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
        null);

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
            status.BaseOffset, status.Leader.HighWatermark, Math.Max(0, status.Size));
    }
}
