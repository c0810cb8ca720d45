using Fluvio.Broker.Core;
using Fluvio.Protocol.Grpc;
using Grpc.Core;
using GrpcConsumerOffset = Fluvio.Protocol.Grpc.ConsumerOffset;
using StoredConsumerOffset = Fluvio.Storage.ConsumerOffset;

namespace Fluvio.Broker.Services;

/// <summary>Partition offsets and named consumer offsets.</summary>
internal sealed class OffsetsService(BrokerCore core) : Offsets.OffsetsBase
{
    public override Task<FetchOffsetsResponse> FetchOffsets(FetchOffsetsRequest request, ServerCallContext context)
    {
        var log = RpcErrors.Guard(() => core.Partition(request.Topic, request.Partition));
        return Task.FromResult(new FetchOffsetsResponse { LogStart = log.LogStartOffset, EndOffset = log.EndOffset });
    }

    public override Task<GrpcConsumerOffset> CommitConsumerOffset(CommitConsumerOffsetRequest request, ServerCallContext context)
    {
        var committed = RpcErrors.Guard(() => core.CommitOffset(request.Consumer, request.Topic, request.Partition, request.Offset));
        return Task.FromResult(ToGrpc(committed));
    }

    public override Task<GrpcConsumerOffset> GetConsumerOffset(GetConsumerOffsetRequest request, ServerCallContext context)
    {
        if (!core.TryGetOffset(request.Consumer, request.Topic, request.Partition, out var offset))
        {
            throw RpcErrors.Create(ErrorReason.ConsumerOffsetNotFound,
                $"Consumer '{request.Consumer}' has no committed offset on partition {request.Partition} of '{request.Topic}'.");
        }
        return Task.FromResult(ToGrpc(offset));
    }

    public override Task<ListConsumerOffsetsResponse> ListConsumerOffsets(ListConsumerOffsetsRequest request, ServerCallContext context)
    {
        var response = new ListConsumerOffsetsResponse();
        foreach (var offset in core.ListOffsets(NullIfEmpty(request.Consumer), NullIfEmpty(request.Topic)))
        {
            response.Offsets.Add(ToGrpc(offset));
        }
        return Task.FromResult(response);
    }

    public override Task<DeleteConsumerOffsetsResponse> DeleteConsumerOffsets(DeleteConsumerOffsetsRequest request, ServerCallContext context)
    {
        var response = new DeleteConsumerOffsetsResponse();
        int? partition = request.HasPartition ? (int)request.Partition : null;
        foreach (var offset in core.DeleteOffsets(request.Consumer, NullIfEmpty(request.Topic), partition))
        {
            response.Deleted.Add(ToGrpc(offset));
        }
        return Task.FromResult(response);
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrEmpty(value) ? null : value;

    private static GrpcConsumerOffset ToGrpc(StoredConsumerOffset offset) => new()
    {
        Consumer = offset.Consumer,
        Topic = offset.Topic,
        Partition = (uint)offset.Partition,
        Offset = offset.Offset,
        ModifiedUnixMs = offset.Modified.ToUnixTimeMilliseconds(),
    };
}
