using System.Threading.Channels;
using Fluvio.Protocol.Native;
using Fluvio.Protocol.Records;
using Google.Protobuf;
using Proto = Fluvio.Protocol.Grpc;

namespace Fluvio.Client;

/// <summary>
/// One partition read over the native protocol (wire protocol §5.3–5.5): FetchOffsets resolves
/// where to start (and, unless continuous, where to stop), a StreamFetch on the leader's
/// connection brings the batches, and each frame is acknowledged with UpdateOffsets at once: the
/// SPU sends nothing more until it is, and acknowledging before decoding lets it read ahead.
/// The first response is made here: it carries the start and stop, as the gRPC stream's does.
/// </summary>
internal sealed class NativeConsumeStream(NativeTransport transport, Proto.ConsumeRequest request, NativeSocket? ownSocket = null) : IConsumeStream
{
    private readonly Channel<(byte[]? Payload, Exception? Failure)> _frames = Channel.CreateUnbounded<(byte[]?, Exception?)>(new() { SingleReader = true });
    private NativeSocket? _socket;
    private IDisposable? _registration;
    private bool _begun;
    private bool _empty;
    private short _version;

    public Proto.ConsumeResponse Current { get; private set; } = new();

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
            var (payload, failure) = await _frames.Reader.ReadAsync(ct).ConfigureAwait(false);
            if (payload is null)
            {
                throw transport.Mapper.Unreachable(failure ?? new IOException("the connection ended"));
            }
            Current = await OnFrameAsync(payload).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or TimeoutException or WireFormatException)
        {
            throw transport.Mapper.Unreachable(e);
        }
    }

    private async Task<Proto.ConsumeResponse> BeginAsync(CancellationToken ct)
    {
        string topic = request.Topic;
        int partition = (int)request.Partition;
        _socket = ownSocket ?? await transport.Spus.LeaderAsync(topic, partition, ct).ConfigureAwait(false);
        var offsets = await NativeOffsets.FetchAsync(_socket, topic, partition, ct).ConfigureAwait(false);
        long start = request.StartCase switch
        {
            Proto.ConsumeRequest.StartOneofCase.Offset => request.Offset,
            Proto.ConsumeRequest.StartOneofCase.FromEnd => Math.Max(offsets.LogStart, offsets.EndOffset - request.FromEnd),
            Proto.ConsumeRequest.StartOneofCase.End => offsets.EndOffset,
            _ => offsets.LogStart,
        };
        string? consumer = request.Consumer is { Length: > 0 } named ? named : null;
        if (consumer is not null && await NativeOffsets.CommittedAsync(_socket, consumer, topic, partition, ct).ConfigureAwait(false) is { } committed)
        {
            start = committed.Offset + 1;
        }
        if (start < offsets.LogStart || start > offsets.EndOffset)
        {
            throw new FluvioException(FluvioErrorCode.OffsetOutOfRange,
                $"Offset {start} is outside partition {partition} of topic '{topic}' (offsets {offsets.LogStart} to {offsets.EndOffset}).");
        }
        long stop = request.Continuous ? -1 : offsets.EndOffset;
        _empty = stop >= 0 && start >= stop;
        if (!_empty)
        {
            await OpenAsync(start, consumer).ConfigureAwait(false);
        }
        return new Proto.ConsumeResponse { StartOffset = start, StopOffset = stop, EndOffset = offsets.EndOffset, LogStart = offsets.LogStart };
    }

    private async Task OpenAsync(long start, string? consumer)
    {
        var socket = _socket!;
        _version = socket.VersionFor((ushort)SpuApiKey.StreamFetch, 22, FluvioApiVersions.SpuCurrentVersion, FluvioApiVersions.SpuCurrentVersion);
        short version = _version;
        var body = new StreamFetchRequest(request.Topic, request.Partition, start, request.MaxBytes > 0 ? request.MaxBytes : 1024 * 1024,
            Isolation.ReadCommitted, ReadOnlyMemory<byte>.Empty, [], version >= 23 ? consumer : null);
        _registration = await socket.OpenStreamAsync((ushort)SpuApiKey.StreamFetch, version, w => body.Encode(w, version),
            (payload, failure) => _frames.Writer.TryWrite((payload, failure))).ConfigureAwait(false);
    }

    private async Task<Proto.ConsumeResponse> OnFrameAsync(byte[] payload)
    {
        var reader = new WireReader(payload);
        reader.I32();
        var frame = StreamFetchResponse.Decode(reader, _version);
        StreamId = frame.StreamId;
        var data = frame.Partition;
        if (data.Error.IsError)
        {
            throw NativeErrorMapping.ToException(data.Error, $"partition {request.Partition} of topic '{request.Topic}'");
        }
        var batches = data.Batches;
        if (!batches.IsEmpty)
        {
            var split = RecordBatch.Split(batches);
            if (BatchHeader.TryRead(split[^1].Span, out var last))
            {
                var update = new UpdateOffsetsRequest([new OffsetUpdate(last.NextOffset, frame.StreamId)]);
                await _socket!.SendAsync((ushort)SpuApiKey.UpdateOffsets, 0, w => update.Encode(w, 0)).ConfigureAwait(false);
            }
        }
        if (request.Consumer is { Length: > 0 } consumer)
        {
            transport.Streams.Remember(consumer, request.Topic, (int)request.Partition, _socket!, frame.StreamId);
        }
        return new Proto.ConsumeResponse { Batches = UnsafeByteOperations.UnsafeWrap(batches), EndOffset = data.HighWatermark, LogStart = data.LogStartOffset };
    }

    public ValueTask DisposeAsync()
    {
        _registration?.Dispose();
        _frames.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
