using Fluvio.Protocol.Compression;
using Proto = Fluvio.Protocol.Grpc;

namespace Fluvio.Client;

/// <summary>Between the gRPC messages and the client's own types.</summary>
internal static class ProtoConvert
{
    public static TopicInfo ToTopicInfo(Proto.Topic t) => new(
        t.Name,
        (int)t.Partitions,
        (int)t.ReplicationFactor,
        TimeSpan.FromSeconds(t.RetentionSeconds),
        t.SegmentSize,
        t.MaxPartitionSize,
        ToTopicCompression(t.Compression),
        DateTimeOffset.FromUnixTimeMilliseconds(t.CreatedUnixMs));

    public static PartitionInfo ToPartitionInfo(Proto.PartitionInfo p) =>
        new(p.Topic, (int)p.Partition, p.Leader, p.LogStart, p.EndOffset, p.SizeBytes);

    public static ConsumerOffsetInfo ToOffsetInfo(Proto.ConsumerOffset o) =>
        new(o.Consumer, o.Topic, (int)o.Partition, o.Offset, DateTimeOffset.FromUnixTimeMilliseconds(o.ModifiedUnixMs));

    public static Proto.CreateTopicRequest ToRequest(TopicSpec spec) => new()
    {
        Name = spec.Name,
        Partitions = (uint)spec.Partitions,
        ReplicationFactor = (uint)spec.ReplicationFactor,
        RetentionSeconds = spec.Retention is { } r ? (long)Math.Ceiling(r.TotalSeconds) : 0,
        SegmentSize = spec.SegmentSize ?? 0,
        MaxPartitionSize = spec.MaxPartitionSize ?? 0,
        Compression = ToProto(spec.Compression),
        DryRun = spec.DryRun,
    };

    public static TopicCompression ToTopicCompression(Proto.CompressionType c) => c switch
    {
        Proto.CompressionType.None => TopicCompression.None,
        Proto.CompressionType.Gzip => TopicCompression.Gzip,
        Proto.CompressionType.Snappy => TopicCompression.Snappy,
        Proto.CompressionType.Lz4 => TopicCompression.Lz4,
        Proto.CompressionType.Zstd => TopicCompression.Zstd,
        _ => TopicCompression.Any,
    };

    public static Proto.CompressionType ToProto(TopicCompression c) => c switch
    {
        TopicCompression.None => Proto.CompressionType.None,
        TopicCompression.Gzip => Proto.CompressionType.Gzip,
        TopicCompression.Snappy => Proto.CompressionType.Snappy,
        TopicCompression.Lz4 => Proto.CompressionType.Lz4,
        TopicCompression.Zstd => Proto.CompressionType.Zstd,
        _ => Proto.CompressionType.Any,
    };

    /// <summary>The codec a topic imposes, or null when producers choose (<see cref="TopicCompression.Any"/>).</summary>
    public static CompressionCodec? FixedCodec(TopicCompression c) => c switch
    {
        TopicCompression.None => CompressionCodec.None,
        TopicCompression.Gzip => CompressionCodec.Gzip,
        TopicCompression.Snappy => CompressionCodec.Snappy,
        TopicCompression.Lz4 => CompressionCodec.Lz4,
        TopicCompression.Zstd => CompressionCodec.Zstd,
        _ => null,
    };
}
