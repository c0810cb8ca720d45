using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;

namespace Fluvio.Client;

/// <summary>
/// One record batch of one partition, from its first record to its acknowledgement: the open
/// builder, then the encoded bytes, then the outcome. It is the single completion object its
/// records share; a record's offset is the base offset plus its index.
/// </summary>
internal sealed class ProducerBatch
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<ProducerBatch>? _onSettled;
    private RecordBatchBuilder? _builder;
    private ReadOnlyMemory<byte> _bytes;
    private long _baseOffset = -1;
    private FluvioException? _error;
    // Pending, then Settling (claimed by the one settler, the outcome being written), then Settled
    // (published): readers test Settled, so a completed batch always carries its outcome.
    private int _state;
    private const int Pending = 0, Settling = 1, Settled = 2;

    public ProducerBatch(int partition, CompressionCodec codec, long firstTimestampMs, long openedAtTicks, int initialCapacity, Action<ProducerBatch>? onSettled = null)
    {
        Partition = partition;
        OpenedAtTicks = openedAtTicks;
        FirstTimestampMs = firstTimestampMs;
        _builder = new RecordBatchBuilder(codec, firstTimestampMs, initialCapacity);
        _onSettled = onSettled;
    }

    public int Partition { get; }

    /// <summary>When the batch was opened, on the monotonic clock (ms) that linger uses.</summary>
    public long OpenedAtTicks { get; }

    public long FirstTimestampMs { get; }

    public int Count { get; private set; }

    /// <summary>What the records weigh against the producer's MaxBufferedBytes.</summary>
    public long BufferedBytes { get; private set; }

    /// <summary>Encoded size of the first record, length prefix included (named in RecordTooLarge messages).</summary>
    public int FirstRecordSize { get; private set; }

    /// <summary>Holds a single record bigger than the batch size; it travels alone.</summary>
    public bool Oversized { get; set; }

    public bool IsSealed { get; private set; }

    public int UncompressedSize => _builder?.UncompressedSize ?? 0;

    public bool IsCompleted => Volatile.Read(ref _state) == Settled;

    /// <summary>Completes when the batch is acknowledged or failed; never faults.</summary>
    public Task Done => _done.Task;

    public FluvioException? Error => IsCompleted ? _error : null;

    public long BaseOffset => _baseOffset;

    /// <summary>Encoded size the record would add to this batch.</summary>
    public int SizeOf(int keyLength, bool hasKey, int valueLength, long timestampMs) =>
        RecordBatchBuilder.RecordSize(keyLength, hasKey, valueLength, Math.Max(0, timestampMs - FirstTimestampMs), Count);

    /// <returns>The record's index in the batch.</returns>
    /// <summary>True when a record stamped <paramref name="timestampMs"/> keeps that stamp exactly in this batch.</summary>
    public bool Holds(long timestampMs) =>
        FirstTimestampMs < 0 ? timestampMs < 0 : timestampMs >= FirstTimestampMs;

    public int Append(ReadOnlySpan<byte> key, bool hasKey, ReadOnlySpan<byte> value, long timestampMs, long bufferedBytes)
    {
        var builder = _builder ?? throw new InvalidOperationException("The batch is no longer open.");
        int before = builder.UncompressedSize;
        if (hasKey)
        {
            builder.Append(key, value, timestampMs);
        }
        else
        {
            builder.AppendKeyless(value, timestampMs);
        }
        if (Count == 0)
        {
            FirstRecordSize = builder.UncompressedSize - before;
        }
        BufferedBytes += bufferedBytes;
        return Count++;
    }

    public void Seal() => IsSealed = true;

    /// <summary>Encodes (and compresses) the batch once; later calls return the same bytes.</summary>
    public ReadOnlyMemory<byte> Build()
    {
        if (_builder is { } builder)
        {
            _bytes = builder.Build();
            _builder = null;
        }
        return _bytes;
    }

    public void Succeed(long baseOffset)
    {
        if (Interlocked.CompareExchange(ref _state, Settling, Pending) == Pending)
        {
            _baseOffset = baseOffset;
            Settle();
        }
    }

    public void Fail(FluvioException error)
    {
        if (Interlocked.CompareExchange(ref _state, Settling, Pending) == Pending)
        {
            _error = error;
            Settle();
        }
    }

    public RecordMetadata ResultAt(int index)
    {
        if (!IsCompleted)
        {
            Done.Wait();
        }
        return _error is null ? new RecordMetadata(Partition, _baseOffset + index) : throw _error;
    }

    private void Settle()
    {
        // The outcome is all that is kept: futures may outlive the bytes by far.
        _builder = null;
        _bytes = default;
        Volatile.Write(ref _state, Settled);
        _onSettled?.Invoke(this);
        _done.TrySetResult();
    }
}
