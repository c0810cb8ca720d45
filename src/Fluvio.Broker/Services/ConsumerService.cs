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
/// </summary>
internal sealed class ConsumerService(LogStore store, IHostApplicationLifetime lifetime) : Consumer.ConsumerBase
{
    private const int DefaultMaxBytes = 1024 * 1024;

    public override async Task Consume(ConsumeRequest request, IServerStreamWriter<ConsumeResponse> responseStream, ServerCallContext context)
    {
        var log = RpcErrors.Guard(() => store.GetPartition(request.Topic, TopicMapping.PartitionIndex(request.Partition)));
        long start = RpcErrors.Guard(() => StartOffset(request, log));
        long stop = request.Continuous ? -1 : log.EndOffset;
        int maxBytes = request.MaxBytes > 0 ? request.MaxBytes : DefaultMaxBytes;

        // A shutting-down broker ends waiting consumers at once instead of holding up the stop.
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var token = cancellation.Token;

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
                await log.WaitForDataAsync(position, token);
                continue;
            }
            var batches = RpcErrors.Guard(() => log.Read(position, maxBytes));
            if (stop >= 0)
            {
                batches = BatchesBelow(batches, stop);
            }
            position = RecordBatch.NextOffset(batches.Span);
            var response = Header(log, start, stop);
            response.Batches = UnsafeByteOperations.UnsafeWrap(batches);
            await responseStream.WriteAsync(response, token);
        }
    }

    private long StartOffset(ConsumeRequest request, PartitionLog log)
    {
        if (!string.IsNullOrEmpty(request.Consumer)
            && store.ConsumerOffsets.TryGet(request.Consumer, request.Topic, (int)request.Partition, out var committed))
        {
            return Math.Clamp(committed.Offset + 1, log.LogStartOffset, log.EndOffset);
        }
        long logStart = log.LogStartOffset, end = log.EndOffset;
        switch (request.StartCase)
        {
            case ConsumeRequest.StartOneofCase.Offset:
                if (request.Offset < logStart || request.Offset > end)
                {
                    throw new StorageException(FluvioErrorCode.OffsetOutOfRange,
                        $"Offset {request.Offset} is outside partition {request.Partition} of '{request.Topic}', which holds offsets {logStart} to {end - 1} (next: {end}).");
                }
                return request.Offset;
            case ConsumeRequest.StartOneofCase.FromEnd:
                return Math.Max(logStart, end - Math.Max(0, request.FromEnd));
            case ConsumeRequest.StartOneofCase.End:
                return end;
            default:
                return logStart;
        }
    }

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
