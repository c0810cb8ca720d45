using Fluvio.Protocol.Grpc;
using Proto = Fluvio.Protocol.Grpc;

namespace Fluvio.Client;

/// <summary>Between the gRPC messages and the client's own types.</summary>
internal static class ProtoConvert
{
    /// <summary>A SmartModule of a read: its name or its WASM as it is (gRPC needs no gzip), params, initial accumulator, lookback.</summary>
    public static Proto.SmartModule ToProto(SmartModuleSpec module)
    {
        var proto = new Proto.SmartModule();
        if (module.Name is { } name)
        {
            proto.Name = name;
        }
        else
        {
            proto.Wasm = Google.Protobuf.ByteString.CopyFrom(module.Wasm.Span);
        }
        foreach (var (key, value) in module.Parameters ?? new Dictionary<string, string>())
        {
            proto.Params[key] = value;
        }
        if (module.AggregateInitial is { } initial)
        {
            proto.AggregateInitial = Google.Protobuf.ByteString.CopyFromUtf8(initial);
        }
        if (module.Lookback is { } lookback)
        {
            proto.Lookback = new Proto.Lookback { Last = lookback.Last };
            if (lookback.Age is { } age)
            {
                // Whole milliseconds, as the broker (like the SPU) compares timestamps in them.
                proto.Lookback.AgeMs = age.Ticks / TimeSpan.TicksPerMillisecond;
            }
        }
        return proto;
    }

    public static TopicInfo ToTopicInfo(Proto.Topic t) => new(
        t.Name,
        (int)t.Partitions,
        (int)t.ReplicationFactor,
        TimeSpan.FromSeconds(t.RetentionSeconds),
        t.SegmentSize,
        t.MaxPartitionSize,
        t.Compression.ToTopicCompression(),
        DateTimeOffset.FromUnixTimeMilliseconds(t.CreatedUnixMs),
        TopicInfo.Computed,
        // A broker that sends no status (an older one) sends no reason either.
        t.Status.Length == 0 ? null : t.Status,
        t.Status.Length == 0 ? null : t.Reason);

    public static PartitionInfo ToPartitionInfo(Proto.PartitionInfo p) =>
        new(p.Topic, (int)p.Partition, p.Leader, p.LogStart, p.EndOffset, p.SizeBytes,
            p.Status.Length == 0 ? null : p.Status, p.Replicas.ToArray(), p.Leo, (int)Math.Min(p.LiveReplicas, int.MaxValue));

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
        Compression = spec.Compression.ToGrpc(),
        DryRun = spec.DryRun,
    };
}
