using System.Threading.Channels;
using Fluvio.Broker.Core;
using Fluvio.Protocol.Grpc;
using Grpc.Core;

namespace Fluvio.Broker.Services;

/// <summary>
/// The produce stream. Requests are read and handed to storage as they arrive, so a producer's
/// many in-flight requests share the partitions' group commits; each is answered once durable.
/// </summary>
internal sealed class ProducerService(BrokerCore core) : Producer.ProducerBase
{
    // Bounds what one stream may have waiting on storage, so a fast producer cannot pile up memory.
    private const int MaxPendingRequestsPerStream = 256;

    public override async Task Produce(
        IAsyncStreamReader<ProduceRequest> requestStream,
        IServerStreamWriter<ProduceResponse> responseStream,
        ServerCallContext context)
    {
        // One writer: gRPC allows a single WriteAsync at a time on a stream.
        var outbox = Channel.CreateUnbounded<ProduceResponse>(new UnboundedChannelOptions { SingleReader = true });
        var writer = WriteAllAsync(outbox.Reader, responseStream, context.CancellationToken);
        using var pending = new SemaphoreSlim(MaxPendingRequestsPerStream);
        try
        {
            await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
            {
                await pending.WaitAsync(context.CancellationToken);
                // Called without awaiting: storage enqueues the appends before this returns, which
                // keeps each partition's batches in the order the producer sent them.
                _ = AnswerAsync(request, outbox.Writer, pending);
            }
            for (int i = 0; i < MaxPendingRequestsPerStream; i++)
            {
                await pending.WaitAsync(context.CancellationToken);
            }
        }
        finally
        {
            outbox.Writer.TryComplete();
        }
        await writer;
    }

    private async Task AnswerAsync(ProduceRequest request, ChannelWriter<ProduceResponse> outbox, SemaphoreSlim pending)
    {
        try
        {
            // Every entry is queued with the core before the first await (see BrokerCore.AppendAsync).
            if (request.Smartmodules.Count > 0)
            {
                await AnswerWithSmartModulesAsync(request, outbox);
                return;
            }
            var appends = request.Partitions.Select(entry => core.AppendAsync(request.Topic, entry.Partition, entry.Batches.Memory)).ToArray();
            var response = new ProduceResponse { Id = request.Id };
            for (int i = 0; i < appends.Length; i++)
            {
                response.Partitions.Add(ToResult(request.Partitions[i].Partition, await appends[i]));
            }
            outbox.TryWrite(response);
        }
        finally
        {
            pending.Release();
        }
    }

    /// <summary>
    /// Each entry through a fresh chain (GrpcSmartModules), then its output appended; run before
    /// the first await, so entries stay queued in order. Each sent batch is answered with the
    /// stored batch's base offset, since the client pairs offsets with the batches it sent.
    /// </summary>
    private async Task AnswerWithSmartModulesAsync(ProduceRequest request, ChannelWriter<ProduceResponse> outbox)
    {
        var entries = new List<(uint Partition, int Sent, ValueTask<AppendOutcome>? Append, PartitionResult? Answer)>();
        foreach (var entry in request.Partitions)
        {
            int sent = Fluvio.Protocol.Records.RecordBatch.Split(entry.Batches.Memory).Count;
            Fluvio.Storage.PartitionLog log;
            try
            {
                // The partition first: the modules' lookbacks read it.
                log = core.Partition(request.Topic, entry.Partition);
            }
            catch (Fluvio.Storage.StorageException e)
            {
                entries.Add((entry.Partition, sent, null, ToResult(entry.Partition, AppendOutcome.Refused(e))));
                continue;
            }
            try
            {
                var (output, claimed) = core.ApplySmartModules(log, () => GrpcSmartModules.Start(core, request.Smartmodules, log), entry.Batches.Memory);
                entries.Add(output.IsEmpty
                    ? (entry.Partition, sent, null, Repeated(entry.Partition, log.EndOffset, sent))
                    : (entry.Partition, sent, core.AppendAsync(log, output, claimed), null));
            }
            catch (Fluvio.Storage.StorageException e)
            {
                entries.Add((entry.Partition, sent, null, ToResult(entry.Partition, AppendOutcome.Refused(e))));
            }
            catch (SmartModules.SmartModuleException e)
            {
                entries.Add((entry.Partition, sent, null, new PartitionResult { Partition = entry.Partition, Error = new Error { Reason = GrpcSmartModules.ReasonOf(e), Message = e.Message } }));
            }
            catch (RpcException e)
            {
                entries.Add((entry.Partition, sent, null, new PartitionResult { Partition = entry.Partition, Error = new Error { Reason = ErrorReason.PartitionNotFound, Message = e.Status.Detail } }));
            }
        }
        var response = new ProduceResponse { Id = request.Id };
        foreach (var (partition, sent, append, answer) in entries)
        {
            if (answer is not null)
            {
                response.Partitions.Add(answer);
                continue;
            }
            var outcome = await append!.Value;
            response.Partitions.Add(outcome.Error is null ? Repeated(partition, outcome.BaseOffsets[0], sent) : ToResult(partition, outcome));
        }
        outbox.TryWrite(response);
    }

    private static PartitionResult Repeated(uint partition, long baseOffset, int count)
    {
        var result = new PartitionResult { Partition = partition };
        result.BaseOffsets.AddRange(Enumerable.Repeat(baseOffset, count));
        return result;
    }

    private static PartitionResult ToResult(uint partition, AppendOutcome outcome)
    {
        var result = new PartitionResult { Partition = partition };
        if (outcome.Error is { } error)
        {
            result.Error = RpcErrors.ToError(error);
        }
        else
        {
            result.BaseOffsets.AddRange(outcome.BaseOffsets);
        }
        return result;
    }

    private static async Task WriteAllAsync(ChannelReader<ProduceResponse> outbox, IServerStreamWriter<ProduceResponse> stream, CancellationToken cancellationToken)
    {
        await foreach (var response in outbox.ReadAllAsync(cancellationToken))
        {
            await stream.WriteAsync(response, cancellationToken);
        }
    }
}
