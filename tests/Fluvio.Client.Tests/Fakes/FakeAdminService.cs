using Fluvio.Protocol.Grpc;
using Grpc.Core;

namespace Fluvio.Client.Tests.Fakes;

internal sealed class FakeAdminService(FakeState state) : Admin.AdminBase
{
    public override Task<Topic> CreateTopic(CreateTopicRequest request, ServerCallContext context)
    {
        lock (state.Gate)
        {
            if (state.Topics.ContainsKey(request.Name))
            {
                throw FakeState.Fail(StatusCode.AlreadyExists, "TopicExists", $"Topic '{request.Name}' already exists.");
            }
            if (!request.DryRun)
            {
                state.AddTopic(request.Name, (int)Math.Max(1, request.Partitions), request.Compression);
                return Task.FromResult(state.Topics[request.Name].Spec);
            }
            return Task.FromResult(new Topic { Name = request.Name, Partitions = request.Partitions });
        }
    }

    public override Task<DeleteTopicResponse> DeleteTopic(DeleteTopicRequest request, ServerCallContext context)
    {
        lock (state.Gate)
        {
            state.Topic(request.Name);
            state.Topics.Remove(request.Name);
            return Task.FromResult(new DeleteTopicResponse());
        }
    }

    public override Task<ListTopicsResponse> ListTopics(ListTopicsRequest request, ServerCallContext context)
    {
        lock (state.Gate)
        {
            var response = new ListTopicsResponse();
            response.Topics.AddRange(state.Topics.Values.Select(t => t.Spec).Where(t => request.Names.Count == 0 || request.Names.Contains(t.Name)));
            return Task.FromResult(response);
        }
    }

    public override Task<Topic> DescribeTopic(DescribeTopicRequest request, ServerCallContext context) =>
        Task.FromResult(state.Topic(request.Name).Spec);

    public override Task<ListPartitionsResponse> ListPartitions(ListPartitionsRequest request, ServerCallContext context)
    {
        var response = new ListPartitionsResponse();
        var topics = request.Topic.Length > 0 ? [state.Topic(request.Topic)] : state.Topics.Values.ToList();
        foreach (var topic in topics)
        {
            for (uint p = 0; p < topic.Spec.Partitions; p++)
            {
                response.Partitions.Add(new Fluvio.Protocol.Grpc.PartitionInfo { Topic = topic.Spec.Name, Partition = p, Leader = 0, EndOffset = state.EndOffset(topic, p) });
            }
        }
        return Task.FromResult(response);
    }
}
