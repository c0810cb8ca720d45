using Fluvio.Broker.Core;
using Fluvio.Protocol.Grpc;
using Fluvio.Protocol.Records;
using Fluvio.Storage;
using Google.Protobuf;
using Grpc.Core;

namespace Fluvio.Broker.Services;

/// <summary>
/// The consume stream: stored batches sent as stored, from the batch holding the start offset,
/// either up to the end seen when the stream began or, when continuous, for as long as the
/// client listens. Waiting at the end is a wake-up from the commit path, not a polling loop.
/// With SmartModules, each read goes through the stream's chain first (GrpcSmartModules).
/// </summary>
internal sealed class ConsumerService(BrokerCore core, IHostApplicationLifetime lifetime) : Consumer.ConsumerBase
{
    public override async Task Consume(ConsumeRequest request, IServerStreamWriter<ConsumeResponse> responseStream, ServerCallContext context)
    {
        var log = RpcErrors.Guard(() => core.Partition(request.Topic, request.Partition));
        long start = RpcErrors.Guard(() => core.ResolveStart(log, request.Consumer, StartOf(request)));
        long stop = request.Continuous ? -1 : log.EndOffset;
        // Clamped: what a stalled reader holds is bounded, and an answer always fits the message limit.
        int maxBytes = BrokerLimits.ReadBytes(request.MaxBytes);
        // One stream is to the budget what one native connection is: its first 256 KiB its own.
        var answers = new ResponseBudget(core.PendingAnswers, BrokerLimits.MaxReadBytes);

        // A shutting-down broker ends waiting consumers at once instead of holding up the stop.
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var token = cancellation.Token;

        using var chain = await GrpcSmartModules.StartAsync(core, request.Smartmodules, log);

        await responseStream.WriteAsync(Header(log, start, stop), token);
        long position = start;
        while (stop < 0 || position < stop)
        {
            if (position >= log.EndOffset)
            {
                if (stop >= 0)
                {
                    break;
                }
                try
                {
                    await BrokerCore.WaitForDataAsync(log, position, token);
                }
                catch (StorageException e)
                {
                    throw RpcErrors.ToRpcException(e);
                }
                continue;
            }
            // Taken before the read and held until the answer is written: a reader that stops
            // reading holds at most one answer, and all of them together the core's budget.
            using var reserved = await answers.TakeAsync(maxBytes, token);
            var batches = RpcErrors.Guard(() => log.Read(position, maxBytes));
            if (stop >= 0)
            {
                batches = BatchesBelow(batches, stop);
            }
            position = RecordBatch.NextOffset(batches.Span);
            if (chain is not null)
            {
                var output = chain.Process(batches, maxBytes);
                (batches, position) = (output.Batch, output.NextOffset);
                if (output.Failure is { } failure)
                {
                    // What passed before the failure is sent; the stream then ends with the failure.
                    if (!batches.IsEmpty)
                    {
                        await responseStream.WriteAsync(WithBatches(Header(log, start, stop), batches), token);
                    }
                    throw GrpcSmartModules.ToRpcException(failure);
                }
                if (batches.IsEmpty)
                {
                    continue; // Nothing passed the SmartModules; read on.
                }
            }
            reserved.ShrinkTo(batches.Length);
            await responseStream.WriteAsync(WithBatches(Header(log, start, stop), batches), token);
        }
    }

    /// <summary>
    /// One bounded read, answered at once: the gRPC twin of the native Fetch (FetchHandler), under
    /// the same clamp and the same shared answer budget as a stream's answer.
    /// </summary>
    public override async Task<ReadResponse> Read(ReadRequest request, ServerCallContext context)
    {
        var log = RpcErrors.Guard(() => core.Partition(request.Topic, request.Partition));
        int maxBytes = BrokerLimits.ReadBytes(request.MaxBytes);
        var answers = new ResponseBudget(core.PendingAnswers, BrokerLimits.MaxReadBytes);
        using var reserved = await answers.TakeAsync(maxBytes, context.CancellationToken);
        var batches = RpcErrors.Guard(() => log.Read(request.Offset, maxBytes));
        return new ReadResponse
        {
            Batches = UnsafeByteOperations.UnsafeWrap(batches),
            EndOffset = log.EndOffset,
            LogStart = log.LogStartOffset,
        };
    }

    private static ConsumeResponse WithBatches(ConsumeResponse response, ReadOnlyMemory<byte> batches)
    {
        response.Batches = UnsafeByteOperations.UnsafeWrap(batches);
        return response;
    }

    private static ConsumeStart StartOf(ConsumeRequest request) => request.StartCase switch
    {
        ConsumeRequest.StartOneofCase.Offset => ConsumeStart.At(request.Offset),
        ConsumeRequest.StartOneofCase.FromEnd => ConsumeStart.BeforeEnd(request.FromEnd),
        ConsumeRequest.StartOneofCase.End => ConsumeStart.End,
        _ => ConsumeStart.Beginning,
    };

    private static ConsumeResponse Header(PartitionLog log, long start, long stop) => new()
    {
        StartOffset = start,
        StopOffset = stop,
        EndOffset = log.EndOffset,
        LogStart = log.LogStartOffset,
    };

    /// <summary>The leading batches that start below <paramref name="stop"/>; the rest were appended after the snapshot.</summary>
    private static ReadOnlyMemory<byte> BatchesBelow(ReadOnlyMemory<byte> batches, long stop)
    {
        int length = 0;
        while (length < batches.Length
            && BatchHeader.TryRead(batches.Span[length..], out var header)
            && header.BaseOffset < stop)
        {
            length += (int)header.TotalSize;
        }
        return batches[..length];
    }
}
