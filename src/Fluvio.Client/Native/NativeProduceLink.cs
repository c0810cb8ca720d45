using Fluvio.Protocol.Native;
using Fluvio.Protocol.Records;
using Proto = Fluvio.Protocol.Grpc;

namespace Fluvio.Client;

/// <summary>
/// A produce link over native connections: each request is split by partition leader and sent
/// to each leader's SPU as a Produce (v23) with one entry per batch, as the official client
/// sends; the answers are joined back into one response for the sender. Requests are pipelined
/// on the shared SPU connections; their order per connection is the order written.
/// </summary>
internal sealed class NativeProduceLink(SpuPool spus, string topic, TimeSpan requestTimeout) : ProduceLinkBase
{
    // Isolation ReadCommitted: the SPU answers once the records are committed (durable here).
    private const short AcksCommitted = -1;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action<Proto.ProduceResponse>? _onResponse;

    protected override void OnBroken() => _ended.TrySetResult();

    public override Task ReadAsync(Action<Proto.ProduceResponse> onResponse)
    {
        _onResponse = onResponse;
        return _ended.Task;
    }

    public override async Task SendAsync(Proto.ProduceRequest request)
    {
        try
        {
            var sent = new List<(List<PartitionProduceData> Entries, Task<WireReader> Answer, short Version)>();
            foreach (var group in await ByLeaderAsync(request).ConfigureAwait(false))
            {
                var socket = group.Key;
                short version = socket.VersionFor((ushort)SpuApiKey.Produce, 0, FluvioApiVersions.SpuCurrentVersion, FluvioApiVersions.SpuCurrentVersion);
                var entries = Entries(group.Select(g => g.Partition));
                var body = new ProduceRequest(null, AcksCommitted, (int)Math.Min(requestTimeout.TotalMilliseconds, int.MaxValue),
                    [new TopicProduceData(topic, entries)], []);
                var answer = await socket.SendRequestAsync((ushort)SpuApiKey.Produce, version, w => body.Encode(w, version)).ConfigureAwait(false);
                sent.Add((entries, answer, version));
            }
            _ = JoinAsync(request.Id, sent);
        }
        catch (Exception e)
        {
            Break(e);
        }
    }

    private async Task<IEnumerable<IGrouping<NativeSocket, (NativeSocket Socket, Proto.PartitionBatches Partition)>>> ByLeaderAsync(Proto.ProduceRequest request)
    {
        var routed = new List<(NativeSocket, Proto.PartitionBatches)>(request.Partitions.Count);
        foreach (var partition in request.Partitions)
        {
            routed.Add((await spus.LeaderAsync(topic, (int)partition.Partition, BrokenToken).ConfigureAwait(false), partition));
        }
        return routed.GroupBy(r => r.Item1);
    }

    // One entry per batch: the answer then carries one base offset per batch, in order.
    private static List<PartitionProduceData> Entries(IEnumerable<Proto.PartitionBatches> partitions)
    {
        var entries = new List<PartitionProduceData>();
        foreach (var partition in partitions)
        {
            foreach (var batch in RecordBatch.Split(partition.Batches.Memory))
            {
                entries.Add(new PartitionProduceData(partition.Partition, batch));
            }
        }
        return entries;
    }

    private async Task JoinAsync(ulong id, List<(List<PartitionProduceData> Entries, Task<WireReader> Answer, short Version)> sent)
    {
        try
        {
            var response = new Proto.ProduceResponse { Id = id };
            foreach (var (entries, answer, version) in sent)
            {
                // One answer per entry, in the entries' order: each partition's answers, batch by batch.
                var answers = ProduceResponse.Decode(await answer.ConfigureAwait(false), version).Responses.SelectMany(t => t.Partitions);
                foreach (var partition in entries.Zip(answers).GroupBy(pair => pair.First.PartitionIndex, pair => pair.Second))
                {
                    response.Partitions.Add(ToResult(partition.Key, partition.ToList()));
                }
            }
            _onResponse?.Invoke(response);
        }
        catch (Exception e)
        {
            Break(e);
        }
    }

    private Proto.PartitionResult ToResult(uint partition, List<PartitionProduceResponse> answers)
    {
        var result = new Proto.PartitionResult { Partition = partition };
        if (answers.FirstOrDefault(a => a.Error.IsError) is { } failed)
        {
            result.Error = NativeErrorMapping.ToProduceError(failed.Error, topic);
        }
        else
        {
            result.BaseOffsets.AddRange(answers.Select(a => a.BaseOffset));
        }
        return result;
    }

    public override Task CloseAsync(TimeSpan grace)
    {
        _ended.TrySetResult();
        return Task.CompletedTask;
    }

    public override void Dispose() => Break(new ObjectDisposedException(nameof(NativeProduceLink)));
}
