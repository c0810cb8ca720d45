using Google.Protobuf;
using Proto = Fluvio.Protocol.Grpc;

namespace Fluvio.Client;

/// <summary>The client's produce model as the gRPC contract's messages, and back.</summary>
internal static class GrpcProduceMapping
{
    /// <summary>One entry per partition: its batches laid end to end (one batch is wrapped as is, without a copy).</summary>
    public static Proto.ProduceRequest ToRequest(ProduceCall call, IReadOnlyList<Proto.SmartModule>? smartModules = null)
    {
        var request = new Proto.ProduceRequest { Id = call.Id, Topic = call.Topic };
        request.Smartmodules.AddRange(smartModules ?? []);
        foreach (var partition in call.Partitions)
        {
            request.Partitions.Add(new Proto.PartitionBatches { Partition = (uint)partition.Partition, Batches = Concat(partition.Batches) });
        }
        return request;
    }

    public static ProduceAnswer ToAnswer(Proto.ProduceResponse response, string topic) => new(
        response.Id,
        response.Partitions.Select(p => p.Error is { } error
            ? PartitionOutcome.Failed((int)p.Partition, GrpcErrorMapping.FromBrokerError(error, topic))
            : PartitionOutcome.Stored((int)p.Partition, p.BaseOffsets)).ToList());

    private static ByteString Concat(IReadOnlyList<ReadOnlyMemory<byte>> batches)
    {
        if (batches.Count == 1)
        {
            return UnsafeByteOperations.UnsafeWrap(batches[0]);
        }
        var bytes = new byte[batches.Sum(b => b.Length)];
        int at = 0;
        foreach (var batch in batches)
        {
            batch.Span.CopyTo(bytes.AsSpan(at));
            at += batch.Length;
        }
        return UnsafeByteOperations.UnsafeWrap(bytes);
    }
}
