using Fluvio.Protocol.Native;

namespace Fluvio.Client;

/// <summary>
/// A produce link over native connections: each call's partitions are grouped by leader and sent
/// to each leader's SPU as a Produce (v23) with one entry per sealed batch, as the official
/// client sends; the answers are joined back into one answer for the sender. Requests are pipelined
/// on the shared SPU connections; their order per connection is the order written.
/// </summary>
internal sealed class NativeProduceLink(SpuPool spus, string topic, TimeSpan requestTimeout, IReadOnlyList<SmartModuleSpec>? smartModules = null) : ProduceLinkBase
{
    // Isolation ReadCommitted: the SPU answers once the records are committed (durable here).
    private const short AcksCommitted = -1;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action<ProduceAnswer>? _onAnswer;

    protected override void OnBroken() => _ended.TrySetResult();

    public override Task ReadAsync(Action<ProduceAnswer> onAnswer)
    {
        _onAnswer = onAnswer;
        return _ended.Task;
    }

    public override async Task SendAsync(ProduceCall call)
    {
        try
        {
            var sent = new List<(List<PartitionProduceData> Entries, Task<WireReader> Answer, short Version)>();
            foreach (var group in await ByLeaderAsync(call).ConfigureAwait(false))
            {
                var socket = group.Key;
                short version = socket.VersionFor((ushort)SpuApiKey.Produce, 0, FluvioApiVersions.SpuCurrentVersion, FluvioApiVersions.SpuCurrentVersion);
                var entries = Entries(group.Select(g => g.Partition));
                var body = new ProduceRequest(null, AcksCommitted, (int)Math.Min(requestTimeout.TotalMilliseconds, int.MaxValue),
                    [new TopicProduceData(topic, entries)], NativeSmartModules.Invocations(smartModules, version));
                var answer = await socket.SendRequestAsync((ushort)SpuApiKey.Produce, version, w => body.Encode(w, version)).ConfigureAwait(false);
                sent.Add((entries, answer, version));
            }
            _ = JoinAsync(call.Id, sent);
        }
        catch (Exception e)
        {
            Break(e);
        }
    }

    private async Task<IEnumerable<IGrouping<NativeSocket, (NativeSocket Socket, SealedBatches Partition)>>> ByLeaderAsync(ProduceCall call)
    {
        var routed = new List<(NativeSocket, SealedBatches)>(call.Partitions.Count);
        foreach (var partition in call.Partitions)
        {
            routed.Add((await spus.LeaderAsync(topic, partition.Partition, BrokenToken).ConfigureAwait(false), partition));
        }
        return routed.GroupBy(r => r.Item1);
    }

    // One entry per batch: the answer then carries one base offset per batch, in order.
    private static List<PartitionProduceData> Entries(IEnumerable<SealedBatches> partitions)
    {
        var entries = new List<PartitionProduceData>();
        foreach (var partition in partitions)
        {
            foreach (var batch in partition.Batches)
            {
                entries.Add(new PartitionProduceData((uint)partition.Partition, batch));
            }
        }
        return entries;
    }

    private async Task JoinAsync(ulong id, List<(List<PartitionProduceData> Entries, Task<WireReader> Answer, short Version)> sent)
    {
        try
        {
            var outcomes = new List<PartitionOutcome>();
            foreach (var (entries, answer, version) in sent)
            {
                // One answer per entry, in the entries' order: each partition's answers, batch by batch.
                var answers = ProduceResponse.Decode(await answer.ConfigureAwait(false), version).Responses.SelectMany(t => t.Partitions);
                foreach (var partition in entries.Zip(answers).GroupBy(pair => pair.First.PartitionIndex, pair => pair.Second))
                {
                    outcomes.Add(ToOutcome((int)partition.Key, partition.ToList()));
                }
            }
            _onAnswer?.Invoke(new ProduceAnswer(id, outcomes));
        }
        catch (Exception e)
        {
            Break(e);
        }
    }

    private PartitionOutcome ToOutcome(int partition, List<PartitionProduceResponse> answers) =>
        answers.FirstOrDefault(a => a.Error.IsError) is { } failed
            ? PartitionOutcome.Failed(partition, NativeErrorMapping.ToException(failed.Error, topic))
            : PartitionOutcome.Stored(partition, answers.Select(a => a.BaseOffset).ToList());

    public override Task CloseAsync(TimeSpan grace)
    {
        _ended.TrySetResult();
        return Task.CompletedTask;
    }

    public override void Dispose() => Break(new ObjectDisposedException(nameof(NativeProduceLink)));
}
