using Fluvio.Protocol.Grpc;
using Fluvio.Storage;
using Grpc.Core;
using GrpcTopic = Fluvio.Protocol.Grpc.Topic;

namespace Fluvio.Broker.Services;

/// <summary>Topics and partitions.</summary>
internal sealed class AdminService(LogStore store) : Admin.AdminBase
{
    public override Task<GrpcTopic> CreateTopic(CreateTopicRequest request, ServerCallContext context)
    {
        var config = TopicMapping.ToConfig(request);
        var created = RpcErrors.Guard(() => store.CreateTopic(config, request.DryRun));
        return Task.FromResult(TopicMapping.ToGrpc(created));
    }

    public override Task<DeleteTopicResponse> DeleteTopic(DeleteTopicRequest request, ServerCallContext context)
    {
        RpcErrors.Guard(() =>
        {
            store.DeleteTopic(request.Name);
            return true;
        });
        return Task.FromResult(new DeleteTopicResponse());
    }

    public override Task<ListTopicsResponse> ListTopics(ListTopicsRequest request, ServerCallContext context)
    {
        var wanted = request.Names.Count == 0 ? null : request.Names.ToHashSet(StringComparer.Ordinal);
        var response = new ListTopicsResponse();
        foreach (var topic in store.ListTopics())
        {
            if (wanted is null || wanted.Contains(topic.Name))
            {
                response.Topics.Add(TopicMapping.ToGrpc(topic));
            }
        }
        return Task.FromResult(response);
    }

    public override Task<GrpcTopic> DescribeTopic(DescribeTopicRequest request, ServerCallContext context) =>
        Task.FromResult(TopicMapping.ToGrpc(RpcErrors.Guard(() => store.GetTopic(request.Name))));

    public override Task<ListPartitionsResponse> ListPartitions(ListPartitionsRequest request, ServerCallContext context)
    {
        var topics = string.IsNullOrEmpty(request.Topic)
            ? store.ListTopics()
            : [RpcErrors.Guard(() => store.GetTopic(request.Topic))];
        var response = new ListPartitionsResponse();
        foreach (var topic in topics)
        {
            for (int p = 0; p < topic.Partitions; p++)
            {
                var log = RpcErrors.Guard(() => store.GetPartition(topic.Name, p));
                response.Partitions.Add(new PartitionInfo
                {
                    Topic = topic.Name,
                    Partition = (uint)p,
                    Leader = TopicMapping.LocalSpuId,
                    LogStart = log.LogStartOffset,
                    EndOffset = log.EndOffset,
                    SizeBytes = log.SizeBytes,
                });
            }
        }
        return Task.FromResult(response);
    }
}
