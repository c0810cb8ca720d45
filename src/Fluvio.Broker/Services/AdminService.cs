using Fluvio.Broker.Core;
using Fluvio.Protocol.Grpc;
using Grpc.Core;
using GrpcTopic = Fluvio.Protocol.Grpc.Topic;

namespace Fluvio.Broker.Services;

/// <summary>Topics and partitions.</summary>
internal sealed class AdminService(BrokerCore core) : Admin.AdminBase
{
    public override Task<GrpcTopic> CreateTopic(CreateTopicRequest request, ServerCallContext context)
    {
        var created = RpcErrors.Guard(() => core.CreateTopic(TopicMapping.ToConfig(request), request.DryRun));
        return Task.FromResult(TopicMapping.ToGrpc(created));
    }

    public override Task<DeleteTopicResponse> DeleteTopic(DeleteTopicRequest request, ServerCallContext context)
    {
        RpcErrors.Guard(() =>
        {
            core.DeleteTopic(request.Name);
            return true;
        });
        return Task.FromResult(new DeleteTopicResponse());
    }

    public override Task<GrpcTopic> AddPartitions(AddPartitionsRequest request, ServerCallContext context) =>
        Task.FromResult(TopicMapping.ToGrpc(RpcErrors.Guard(() => core.AddPartitions(request.Topic, request.Count))));

    public override Task<ListTopicsResponse> ListTopics(ListTopicsRequest request, ServerCallContext context)
    {
        var wanted = request.Names.Count == 0 ? null : request.Names.ToHashSet(StringComparer.Ordinal);
        var response = new ListTopicsResponse();
        foreach (var topic in core.ListTopics())
        {
            if (wanted is null || wanted.Contains(topic.Name))
            {
                response.Topics.Add(TopicMapping.ToGrpc(topic));
            }
        }
        return Task.FromResult(response);
    }

    public override Task<GrpcTopic> DescribeTopic(DescribeTopicRequest request, ServerCallContext context) =>
        Task.FromResult(TopicMapping.ToGrpc(RpcErrors.Guard(() => core.GetTopic(request.Name))));

    public override Task<ListPartitionsResponse> ListPartitions(ListPartitionsRequest request, ServerCallContext context)
    {
        var topics = string.IsNullOrEmpty(request.Topic)
            ? core.ListTopics()
            : [RpcErrors.Guard(() => core.GetTopic(request.Topic))];
        var response = new ListPartitionsResponse();
        foreach (var topic in topics)
        {
            for (int p = 0; p < topic.Partitions; p++)
            {
                var log = RpcErrors.Guard(() => core.Partition(topic.Name, p));
                response.Partitions.Add(new PartitionInfo
                {
                    Topic = topic.Name,
                    Partition = (uint)p,
                    Leader = BrokerCore.LocalSpuId,
                    LogStart = log.LogStartOffset,
                    EndOffset = log.EndOffset,
                    SizeBytes = log.SizeBytes,
                    // One replica, the leader; every stored record is durable, so HW = LEO.
                    Status = log.Fault is null ? "Online" : "Offline",
                    Replicas = { BrokerCore.LocalSpuId },
                    Leo = log.EndOffset,
                    LiveReplicas = log.Fault is null ? 1u : 0u,
                });
            }
        }
        return Task.FromResult(response);
    }
}
