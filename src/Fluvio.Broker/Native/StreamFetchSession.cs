using System.Threading.Channels;
using Fluvio.Broker.Core;
using Fluvio.Broker.SmartModules;
using Fluvio.Protocol.Native;
using Fluvio.Storage;

namespace Fluvio.Broker.Native;

/// <summary>
/// One StreamFetch (wire protocol §5.4): stored batches, sent verbatim, from the batch holding
/// the requested offset, each frame bounded by the client's max bytes (but at least one batch).
/// With SmartModules, each read goes through the stream's chain and the frame carries the batch
/// that came out and, in next_filter_offset, where the read ended; a frame goes out even when
/// nothing passed (the SPU sends none then), so a bounded reader learns it has reached its end.
/// A SmartModule failure is sent with what passed before it, and ends the stream.
/// </summary>
/// <remarks>
/// Flow control follows the real SPU: after a frame the stream waits for the consumer's
/// UpdateOffsets naming the next offset it needs, then sends from there — more data if it has
/// arrived, the rest if max bytes cut the frame short. When the consumer has everything, the
/// stream waits for the partition's commit signal (no polling) or for another offset update.
/// Waiting for the acknowledgement is what keeps a resend from ever duplicating records.
/// </remarks>
internal sealed class StreamFetchSession(
    uint streamId,
    NativeRequest request,
    StreamFetchRequest fetch,
    PartitionLog log,
    SmartModuleChain? chain = null)
{
    /// <summary>
    /// A client may ask for up to 2 GiB per frame; more than this is not read into memory at once
    /// (a frame still holds at least one whole batch). The official client asks for about 1 MiB.
    /// </summary>
    public const int MaxBytesPerFrame = 32 * 1024 * 1024;

    private readonly Channel<long> _acknowledged = Channel.CreateBounded<long>(
        new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public uint StreamId => streamId;

    public string Topic => fetch.Topic;

    public int Partition => log.Partition;

    /// <summary>The consumer whose offsets this stream may commit (UpdateConsumerOffset), if one was named.</summary>
    public string? ConsumerId => fetch.ConsumerId;

    /// <summary>The consumer has everything before <paramref name="nextOffset"/>.</summary>
    public void Acknowledge(long nextOffset) => _acknowledged.Writer.TryWrite(nextOffset);

    /// <summary>Runs until the connection closes or the partition stops being readable.</summary>
    public async Task RunAsync()
    {
        var closing = request.Connection.Closing;
        long start = log.LogStartOffset, end = log.EndOffset;
        if (fetch.FetchOffset > end)
        {
            await SendErrorAsync(ErrorCode.Other($"start offset {fetch.FetchOffset} greater than leo {end}")).ConfigureAwait(false);
            return;
        }
        if (fetch.FetchOffset < start)
        {
            await SendErrorAsync(ErrorCode.OffsetEvicted(fetch.FetchOffset, start)).ConfigureAwait(false);
            return;
        }
        long position = fetch.FetchOffset;
        bool unacknowledged = false;
        try
        {
            while (!closing.IsCancellationRequested)
            {
                if (unacknowledged)
                {
                    position = await NextAcknowledgementAsync(closing).ConfigureAwait(false);
                    unacknowledged = false;
                }
                else if (log.EndOffset > position)
                {
                    if (!await SendFromAsync(position).ConfigureAwait(false))
                    {
                        return;
                    }
                    unacknowledged = true;
                }
                else if (await WaitForDataOrAcknowledgementAsync(position, closing).ConfigureAwait(false) is { } rewound)
                {
                    position = rewound;
                }
            }
        }
        catch (StorageException e)
        {
            var error = NativeErrors.ForStream(e, position, log.LogStartOffset);
            await SendErrorAsync(error).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
            // The connection closed.
        }
    }

    /// <summary>Frees the stream's SmartModule store, once the stream has ended.</summary>
    public void Release() => chain?.Dispose();

    /// <summary>A frame with an error and no records; the stream ends after it, as the real SPU's does.</summary>
    public ValueTask SendErrorAsync(ErrorCode error) => SendErrorAsync(request, fetch, streamId, error);

    /// <summary>An error frame for a stream that never started (stream id 0 when the partition is not led here).</summary>
    public static ValueTask SendErrorAsync(NativeRequest request, StreamFetchRequest fetch, uint streamId, ErrorCode error) =>
        request.Connection.SendAsync(Frame(request, fetch, streamId, error, highWatermark: 0, logStart: 0, ReadOnlyMemory<byte>.Empty));

    /// <summary>Sends the next frame; false when it carried a SmartModule failure, which ends the stream.</summary>
    private async Task<bool> SendFromAsync(long position)
    {
        var connection = request.Connection;
        // Room for the frame before the records are read: a consumer that stops reading holds at
        // most its connection's response budget, not a frame per stream (and nothing is read ahead).
        int maxBytes = Math.Clamp(fetch.MaxBytes, 0, Math.Min(MaxBytesPerFrame, connection.Responses.PerConnection));
        using var reserved = await connection.Responses.TakeAsync(FrameOverhead + 4L * fetch.Topic.Length + maxBytes, connection.Closing).ConfigureAwait(false);
        // End first: whatever lies below it is committed and readable.
        long end = log.EndOffset;
        // The batches read are not kept past the frame built from them: one copy waits for the socket, not two.
        var batches = log.Read(position, maxBytes);
        if (chain is null)
        {
            await connection.SendAsync(Frame(request, fetch, streamId, ErrorCode.None, end, log.LogStartOffset, batches), reserved).ConfigureAwait(false);
            return true;
        }
        var output = chain.Process(batches, maxBytes);
        var error = output.Failure is { } failure ? NativeSmartModules.ToErrorCode(failure) : ErrorCode.None;
        var frame = Frame(request, fetch, streamId, error, end, log.LogStartOffset, output.Batch, output.NextOffset);
        await connection.SendAsync(frame, reserved).ConfigureAwait(false);
        return output.Failure is null;
    }

    private async Task<long> NextAcknowledgementAsync(CancellationToken closing)
    {
        long next = await _acknowledged.Reader.ReadAsync(closing).ConfigureAwait(false);
        return TryTakeLatest(out long later) ? later : next;
    }

    /// <summary>Waits for a record at <paramref name="position"/> or an offset update; returns the update's offset if one came.</summary>
    private async Task<long?> WaitForDataOrAcknowledgementAsync(long position, CancellationToken closing)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(closing);
        // The core's wait: a closed partition (its topic deleted) throws its reason instead of waking again at once.
        var data = BrokerCore.WaitForDataAsync(log, position, wake.Token);
        var acknowledgement = _acknowledged.Reader.WaitToReadAsync(wake.Token).AsTask();
        await Task.WhenAny(data, acknowledgement).ConfigureAwait(false);
        wake.Cancel();
        // The loser ends cancelled; a storage failure of the data wait surfaces here.
        await IgnoringCancellation(data).ConfigureAwait(false);
        await IgnoringCancellation(acknowledgement).ConfigureAwait(false);
        closing.ThrowIfCancellationRequested();
        return TryTakeLatest(out long next) ? next : null;
    }

    /// <summary>Only the latest position a consumer reported matters.</summary>
    private bool TryTakeLatest(out long next)
    {
        bool any = false;
        next = 0;
        while (_acknowledged.Reader.TryRead(out long offset))
        {
            (next, any) = (offset, true);
        }
        return any;
    }

    private static async Task IgnoringCancellation(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static byte[] Frame(NativeRequest request, StreamFetchRequest fetch, uint id, ErrorCode error, long highWatermark, long logStart, ReadOnlyMemory<byte> batches, long nextFilterOffset = 0) =>
        NativeFrame.Response(request.Header.CorrelationId, request.Version, new StreamFetchResponse(
            fetch.Topic,
            id,
            new FetchablePartitionResponse(fetch.Partition, error, highWatermark, nextFilterOffset, logStart, Aborted: null, batches)),
            sizeHint: FrameOverhead + 4 * fetch.Topic.Length + batches.Length);

    /// <summary>Bytes of a stream frame besides its topic name and batches (length, ids, offsets, error), rounded up.</summary>
    private const int FrameOverhead = 128;
}
