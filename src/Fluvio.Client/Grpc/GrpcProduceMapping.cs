using System.Buffers;
using Google.Protobuf;
using Proto = Fluvio.Protocol.Grpc;

namespace Fluvio.Client;

/// <summary>The client's produce model as the gRPC contract's messages, and back.</summary>
internal static class GrpcProduceMapping
{
    /// <summary>
    /// One entry per partition: its batches laid end to end (one batch is wrapped as is, without a
    /// copy). Several batches are laid into arrays rented from the shared pool, listed in
    /// <paramref name="rented"/>: the caller returns them once the request is written, when gRPC
    /// has serialized it. A request is up to 4 MiB, so fresh arrays were large objects, 70-130 MB
    /// of large-object heap while Send-FluvioRecord -Path sent 10 M lines, freed only by full collections.
    /// </summary>
    public static Proto.ProduceRequest ToRequest(ProduceCall call, IReadOnlyList<Proto.SmartModule>? smartModules, List<byte[]> rented)
    {
        var request = new Proto.ProduceRequest { Id = call.Id, Topic = call.Topic };
        request.Smartmodules.AddRange(smartModules ?? []);
        foreach (var partition in call.Partitions)
        {
            request.Partitions.Add(new Proto.PartitionBatches { Partition = (uint)partition.Partition, Batches = Concat(partition.Batches, rented) });
        }
        return request;
    }

    public static ProduceAnswer ToAnswer(Proto.ProduceResponse response, string topic) => new(
        response.Id,
        response.Partitions.Select(p => p.Error is { } error
            ? PartitionOutcome.Failed((int)p.Partition, GrpcErrorMapping.FromBrokerError(error, topic))
            : PartitionOutcome.Stored((int)p.Partition, p.BaseOffsets)).ToList());

    private static ByteString Concat(IReadOnlyList<ReadOnlyMemory<byte>> batches, List<byte[]> rented)
    {
        if (batches.Count == 1)
        {
            return UnsafeByteOperations.UnsafeWrap(batches[0]);
        }
        int length = batches.Sum(b => b.Length);
        var bytes = ArrayPool<byte>.Shared.Rent(length);
        rented.Add(bytes);
        int at = 0;
        foreach (var batch in batches)
        {
            batch.Span.CopyTo(bytes.AsSpan(at));
            at += batch.Length;
        }
        return UnsafeByteOperations.UnsafeWrap(bytes.AsMemory(0, length));
    }
}
