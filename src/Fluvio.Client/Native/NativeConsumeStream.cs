using System.Threading.Channels;
using Fluvio.Protocol.Native;
using Fluvio.Protocol.Records;

namespace Fluvio.Client;

/// <summary>
/// One partition read over the native protocol (wire protocol §5.3–5.5): FetchOffsets resolves
/// where to start (and, unless continuous, where to stop), a StreamFetch on the leader's
/// connection brings the batches. The SPU sends nothing more until the client's UpdateOffsets
/// acknowledges the last frame, so a frame is acknowledged as it arrives while at most
/// <see cref="ReadAhead"/> frames wait for the reader (the SPU reads the next one while this one
/// is decoded), else when the reader takes it: memory stays bounded by a slow reader.
/// The first chunk is made here: it carries the start and stop, as the gRPC stream's does.
/// </summary>
internal sealed class NativeConsumeStream(NativeTransport transport, string topic, int partition, ConsumerOptions options, NativeSocket? ownSocket = null) : IConsumeStream
{
    private const int ReadAhead = 2;
    private readonly Channel<Frame> _frames = Channel.CreateUnbounded<Frame>(new() { SingleReader = true, SingleWriter = true });
    private NativeSocket? _socket;
    private IDisposable? _registration;
    private bool _begun;
    private bool _empty;
    private short _version;
    private int _waiting;
    private FluvioException? _failed;

    private sealed record Frame(StreamFetchResponse? Data, OffsetUpdate? Update, bool Acknowledged, Exception? Failure);

    public ConsumedChunk Current { get; private set; } = null!;

    /// <summary>The stream's id on its connection, known from its first frame.</summary>
    public uint StreamId { get; private set; }

    public async ValueTask<bool> MoveNextAsync(CancellationToken ct)
    {
        try
        {
            if (!_begun)
            {
                Current = await BeginAsync(ct).ConfigureAwait(false);
                _begun = true;
                return true;
            }
            if (_empty)
            {
                return false;
            }
            if (_failed is { } failed)
            {
                throw failed;
            }
            var frame = await _frames.Reader.ReadAsync(ct).ConfigureAwait(false);
            Interlocked.Decrement(ref _waiting);
            if (frame.Data is null)
            {
                throw frame.Failure as FluvioException ?? transport.Errors.Unreachable(frame.Failure ?? new IOException("the connection ended"));
            }
            if (!frame.Acknowledged && frame.Update is { } update)
            {
                await AcknowledgeAsync(update).ConfigureAwait(false);
            }
            Current = ToResponse(frame.Data);
            return true;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or TimeoutException or WireFormatException)
        {
            throw transport.Errors.Unreachable(e);
        }
    }

    private async Task<ConsumedChunk> BeginAsync(CancellationToken ct)
    {
        _socket = ownSocket ?? await transport.Spus.LeaderAsync(topic, partition, ct).ConfigureAwait(false);
        var offsets = await NativeOffsets.FetchAsync(_socket, topic, partition, ct).ConfigureAwait(false);
        long start = options.Start switch
        {
            ConsumerStart.OffsetStart s => s.Offset,
            ConsumerStart.FromEndStart s => Math.Max(offsets.LogStart, offsets.EndOffset - s.Count),
            ConsumerStart.EndStart => offsets.EndOffset,
            _ => offsets.LogStart,
        };
        string? consumer = options.Consumer is { Length: > 0 } named ? named : null;
        if (consumer is not null && await NativeOffsets.CommittedAsync(_socket, consumer, topic, partition, ct).ConfigureAwait(false) is { } committed)
        {
            start = committed.Offset + 1;
        }
        if (start < offsets.LogStart || start > offsets.EndOffset)
        {
            throw new FluvioException(FluvioErrorCode.OffsetOutOfRange,
                $"Offset {start} is outside partition {partition} of topic '{topic}' (offsets {offsets.LogStart} to {offsets.EndOffset}).");
        }
        long stop = options.Continuous ? -1 : offsets.EndOffset;
        _empty = stop >= 0 && start >= stop;
        if (!_empty)
        {
            await OpenAsync(start, consumer).ConfigureAwait(false);
        }
        return new ConsumedChunk(start, stop, offsets.EndOffset, offsets.LogStart, ReadOnlyMemory<byte>.Empty);
    }

    private async Task OpenAsync(long start, string? consumer)
    {
        var socket = _socket!;
        _version = socket.VersionFor((ushort)SpuApiKey.StreamFetch, 22, FluvioApiVersions.SpuCurrentVersion, FluvioApiVersions.SpuCurrentVersion);
        short version = _version;
        var body = new StreamFetchRequest(topic, (uint)partition, start, options.MaxBytes > 0 ? options.MaxBytes : 1024 * 1024,
            NativeFetch.ToWire(options.Isolation), ReadOnlyMemory<byte>.Empty, NativeSmartModules.Invocations(options.SmartModules, version), version >= 23 ? consumer : null);
        _registration = await socket.OpenStreamAsync((ushort)SpuApiKey.StreamFetch, version, w => body.Encode(w, version), OnFrame).ConfigureAwait(false);
    }

    /// <summary>On the connection's reader: decode the frame's header, acknowledge it at once if the reader is keeping up, queue it.</summary>
    private void OnFrame(byte[]? payload, Exception? failure)
    {
        Interlocked.Increment(ref _waiting);
        if (payload is null)
        {
            _frames.Writer.TryWrite(new Frame(null, null, false, failure));
            return;
        }
        StreamFetchResponse data;
        try
        {
            var reader = new WireReader(payload);
            reader.I32();
            data = StreamFetchResponse.Decode(reader, _version);
        }
        catch (Exception e) when (e is WireFormatException or InvalidDataException)
        {
            _frames.Writer.TryWrite(new Frame(null, null, false, e));
            return;
        }
        var update = NextUpdate(data);
        bool acknowledgeNow = update is not null && Volatile.Read(ref _waiting) <= ReadAhead;
        if (acknowledgeNow)
        {
            _ = AcknowledgeAsync(update!).ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        }
        _frames.Writer.TryWrite(new Frame(data, update, acknowledgeNow, null));
    }

    /// <summary>
    /// What the SPU is to send next, or null for a frame without batches: as the official client's
    /// next_offset_for_fetch, next_filter_offset when SmartModules set it, else the offset after
    /// the frame's last batch.
    /// </summary>
    private static OffsetUpdate? NextUpdate(StreamFetchResponse data) =>
        data.Partition.Error.IsError || NextOffset(data.Partition) is not (> 0 and var next)
            ? null
            : new OffsetUpdate(next, data.StreamId);

    private static long NextOffset(FetchablePartitionResponse data) =>
        data.NextFilterOffset > 0 ? data.NextFilterOffset : RecordBatch.NextOffset(data.Batches.Span);

    // A failed send fails the connection, which ends the stream with the cause: nothing to do here.
    private Task AcknowledgeAsync(OffsetUpdate update)
    {
        var body = new UpdateOffsetsRequest([update]);
        return _socket!.SendAsync((ushort)SpuApiKey.UpdateOffsets, 0, w => body.Encode(w, 0));
    }

    private ConsumedChunk ToResponse(StreamFetchResponse frame)
    {
        StreamId = frame.StreamId;
        var data = frame.Partition;
        if (data.Error.IsError)
        {
            var failure = NativeErrorMapping.ToException(data.Error, $"partition {partition} of topic '{topic}'");
            // A SmartModule failure comes with the records that passed before it: those first, then the failure.
            if (data.Batches.IsEmpty)
            {
                throw failure;
            }
            _failed = failure;
        }
        if (options.Consumer is { Length: > 0 } consumer)
        {
            transport.Streams.Remember(consumer, topic, partition, _socket!, frame.StreamId);
        }
        return new ConsumedChunk(0, 0, data.HighWatermark, data.LogStartOffset, data.Batches, _failed is null ? Math.Max(0, data.NextFilterOffset) : -1);
    }

    public ValueTask DisposeAsync()
    {
        _registration?.Dispose();
        _frames.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
