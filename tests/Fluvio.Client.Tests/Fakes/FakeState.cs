using System.Buffers.Binary;
using Fluvio.Protocol.Grpc;
using Fluvio.Protocol.Records;
using Grpc.Core;

namespace Fluvio.Client.Tests.Fakes;

/// <summary>What a produce request meets on the fake broker.</summary>
internal enum ProduceFault
{
    None,
    /// <summary>End the stream with Unavailable before appending anything.</summary>
    AbortBefore,
    /// <summary>Append, then end the stream before answering (the client will resend: duplicates).</summary>
    AbortAfter,
    /// <summary>Never answer.</summary>
    Hang,
}

internal sealed record StoredBatch(long BaseOffset, int Count, byte[] Bytes);

internal sealed class FakeTopic(Topic spec)
{
    public Topic Spec { get; } = spec;
    public List<StoredBatch>[] Logs { get; } = Enumerable.Range(0, (int)spec.Partitions).Select(_ => new List<StoredBatch>()).ToArray();
}

/// <summary>The fake broker's memory and fault hooks. Every member is thread-safe through <see cref="Gate"/>.</summary>
internal sealed class FakeState
{
    public object Gate { get; } = new();
    public Dictionary<string, FakeTopic> Topics { get; } = [];
    public Dictionary<(string Consumer, string Topic, uint Partition), ConsumerOffset> Offsets { get; } = [];

    /// <summary>Largest batch accepted (RecordTooLarge above).</summary>
    public int MaxBatchBytes { get; set; } = 1024 * 1024;

    /// <summary>Decides the fault for each produce request (the argument counts requests from 1).</summary>
    public Func<ProduceRequest, int, ProduceFault>? ProduceHook { get; set; }

    /// <summary>Per-partition error to answer instead of appending, by partition.</summary>
    public Dictionary<uint, ErrorReason> PartitionErrors { get; } = [];

    public int ProduceStreams;
    public int ProduceRequests;
    public int ConsumeStreams;
    public readonly List<ConsumeRequest> ConsumeRequestsSeen = [];

    public void AddTopic(string name, int partitions, CompressionType compression = CompressionType.Any)
    {
        lock (Gate)
        {
            Topics[name] = new FakeTopic(new Topic
            {
                Name = name,
                Partitions = (uint)partitions,
                ReplicationFactor = 1,
                RetentionSeconds = 7 * 24 * 3600,
                SegmentSize = 1 << 30,
                MaxPartitionSize = 100L << 30,
                Compression = compression,
                CreatedUnixMs = 1_700_000_000_000,
            });
        }
    }

    public FakeTopic Topic(string name)
    {
        lock (Gate)
        {
            return Topics.TryGetValue(name, out var t) ? t : throw Fail(StatusCode.NotFound, "TopicNotFound", $"Topic '{name}' not found.");
        }
    }

    /// <summary>Appends concatenated batches, giving each its base offset.</summary>
    public List<long> Append(FakeTopic topic, uint partition, ReadOnlyMemory<byte> batches)
    {
        lock (Gate)
        {
            var log = topic.Logs[partition];
            var bases = new List<long>();
            foreach (var batch in RecordBatch.Split(batches))
            {
                long next = log.Count == 0 ? 0 : log[^1].BaseOffset + log[^1].Count;
                RecordBatch.TryValidate(batch.Span, out var header, out _);
                var copy = batch.ToArray();
                BinaryPrimitives.WriteInt64BigEndian(copy, next);
                log.Add(new StoredBatch(next, header.LastOffsetDelta + 1, copy));
                bases.Add(next);
            }
            return bases;
        }
    }

    public long EndOffset(FakeTopic topic, uint partition)
    {
        lock (Gate)
        {
            var log = topic.Logs[partition];
            return log.Count == 0 ? 0 : log[^1].BaseOffset + log[^1].Count;
        }
    }

    /// <summary>Every stored record of a partition, decoded.</summary>
    public List<BatchRecord> Records(string topic, int partition)
    {
        lock (Gate)
        {
            return Topics[topic].Logs[partition].SelectMany(b => RecordBatch.ReadRecords(b.Bytes)).ToList();
        }
    }

    public static RpcException Fail(StatusCode status, string reason, string message) =>
        new(new Status(status, message), new Metadata { { GrpcErrors.ReasonTrailer, reason } });
}
