using System.Globalization;
using Fluvio.Protocol.Native;
using NativeTopicSpec = Fluvio.Protocol.Native.TopicSpec;

namespace Fluvio.Client;

/// <summary>Between the native objects (wire protocol §4.8) and the client's own types.</summary>
internal static class NativeConvert
{
    // Fluvio's defaults for settings a topic spec leaves out.
    private static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(7);
    private const long DefaultSegmentSize = 1L << 30;
    private const long DefaultMaxPartitionSize = 100L << 30;

    public static NativeTopicSpec ToNative(TopicSpec spec) => new(
        new ComputedReplicas((uint)spec.Partitions, (uint)spec.ReplicationFactor, IgnoreRackAssignment: false),
        spec.Retention is { } r ? new CleanupPolicy((uint)Math.Clamp(Math.Ceiling(r.TotalSeconds), 1, uint.MaxValue)) : null,
        spec.SegmentSize is not null || spec.MaxPartitionSize is not null
            ? new TopicStorageConfig(spec.SegmentSize is { } s ? (uint)Math.Min(s, uint.MaxValue) : null, spec.MaxPartitionSize is { } m ? (ulong)m : null)
            : null,
        spec.Compression switch
        {
            TopicCompression.None => CompressionAlgorithm.None,
            TopicCompression.Gzip => CompressionAlgorithm.Gzip,
            TopicCompression.Snappy => CompressionAlgorithm.Snappy,
            TopicCompression.Lz4 => CompressionAlgorithm.Lz4,
            TopicCompression.Zstd => CompressionAlgorithm.Zstd,
            _ => CompressionAlgorithm.Any,
        });

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
        spec.CleanupPolicy is { } cleanup ? TimeSpan.FromSeconds(cleanup.TimeInSeconds) : DefaultRetention,
        spec.Storage?.SegmentSize is { } segment ? segment : DefaultSegmentSize,
        spec.Storage?.MaxPartitionSize is { } max ? (long)Math.Min(max, long.MaxValue) : DefaultMaxPartitionSize,
        spec.Compression switch
        {
            CompressionAlgorithm.None => TopicCompression.None,
            CompressionAlgorithm.Gzip => TopicCompression.Gzip,
            CompressionAlgorithm.Snappy => TopicCompression.Snappy,
            CompressionAlgorithm.Lz4 => TopicCompression.Lz4,
            CompressionAlgorithm.Zstd => TopicCompression.Zstd,
            _ => TopicCompression.Any,
        },
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
