using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;

namespace Fluvio.Client;

/// <summary>
/// Sends records to one topic. <c>Send</c> only enqueues: it encodes the record into the open
/// batch of its partition and returns a <see cref="ProduceFuture"/> at once; a linger timer and
/// the batch size seal batches; a background sender ships them (see <see cref="ProduceSender"/>).
/// Send blocks, honouring its token, only while MaxBufferedBytes of records await their
/// acknowledgement. Thread-safe.
/// </summary>
public sealed class TopicProducer : IAsyncDisposable
{
    // What a record weighs against MaxBufferedBytes beyond its key and value.
    private const int RecordOverhead = 24;
    // Room kept in a gRPC message for the request's own fields.
    private const int RequestOverhead = 1024;

    private readonly object _lock = new();
    private readonly PartitionSelector _selector;
    private readonly BatchAccumulator _accumulator;
    private readonly BufferBudget _budget;
    private readonly ProduceSender _sender;
    private readonly Queue<ProducerBatch> _unsettled = new();
    private readonly Timer _lingerTimer;
    private readonly long _lingerMs;
    private readonly int _maxMessageBytes;
    private readonly Action _sealAll;
    private readonly FluvioClient? _owner;
    private bool _timerArmed;
    private bool _closed;
    private Task? _disposing;
    private long _acknowledged;
    private long _failed;

    internal TopicProducer(string topic, int partitionCount, CompressionCodec codec, ProducerOptions options,
        Func<IProduceLink> openLink, ConnectionErrors errors, int maxMessageBytes, FluvioClient? owner = null)
    {
        Topic = topic;
        Compression = codec;
        Options = options;
        _owner = owner;
        _maxMessageBytes = maxMessageBytes;
        _lingerMs = (long)options.Linger.TotalMilliseconds;
        _selector = new PartitionSelector(partitionCount);
        _budget = new BufferBudget(options.MaxBufferedBytes);
        _sender = new ProduceSender(openLink, topic, options, errors);
        _accumulator = new BatchAccumulator(partitionCount, options.BatchSize, codec, OnSealed, OnSettled);
        _lingerTimer = new Timer(_ => OnLinger());
        _sealAll = SealAll;
    }

    public string Topic { get; }

    /// <summary>The partitions records are spread over; grows when this client adds partitions to the topic.</summary>
    public int PartitionCount => _selector.PartitionCount;

    /// <summary>
    /// The topic now has <paramref name="partitionCount"/> partitions (FluvioClient.AddPartitionsAsync):
    /// records sent from now on hash and round-robin over the new count. Records already queued
    /// keep the partition they were given. Never shrinks.
    /// </summary>
    internal void GrowPartitions(int partitionCount)
    {
        lock (_lock)
        {
            // Room first, then the selector: a send that picks a new partition always finds its slot.
            _accumulator.Grow(partitionCount);
            _selector.Grow(partitionCount);
        }
    }

    /// <summary>The codec of the batches this producer builds.</summary>
    public CompressionCodec Compression { get; }

    public ProducerOptions Options { get; }

    /// <summary>Records acknowledged by the broker so far.</summary>
    public long AcknowledgedRecords => Interlocked.Read(ref _acknowledged);

    /// <summary>Records whose futures failed so far.</summary>
    public long FailedRecords => Interlocked.Read(ref _failed);

    /// <summary>Senders blocked on a full buffer right now (tests wait for this state instead of sleeping).</summary>
    internal int BlockedSenders => _budget.Blocked;

    /// <summary>A keyed record: the key's hash picks the partition (an empty key is hashed too).</summary>
    public ProduceFuture Send(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, CancellationToken ct = default) =>
        Enqueue(_selector.ForKey(key), key, hasKey: true, value, ct);

    /// <summary>A record without key: round robin over the partitions, from partition 0.</summary>
    public ProduceFuture SendKeyless(ReadOnlySpan<byte> value, CancellationToken ct = default) =>
        Enqueue(_selector.NextKeyless(), default, hasKey: false, value, ct);

    /// <summary>
    /// <paramref name="partition"/> when given (<see cref="FluvioErrorCode.PartitionNotFound"/> if
    /// out of range), else the key's hash, else round robin when <paramref name="key"/> is null.
    /// </summary>
    public ProduceFuture Send(byte[]? key, ReadOnlySpan<byte> value, int? partition, CancellationToken ct = default)
    {
        int target = partition is { } given ? _selector.Explicit(given, Topic)
            : key is null ? _selector.NextKeyless()
            : _selector.ForKey(key);
        return Enqueue(target, key, key is not null, value, ct);
    }

    /// <summary>
    /// A record with a timestamp of its own (ms since the Unix epoch, or
    /// <see cref="RecordBatch.NoTimestamp"/>) instead of the clock's: a record copied from another
    /// topic or an export file keeps when it was first produced. The partition is
    /// <paramref name="partition"/> when given, else the key's hash, else round robin.
    /// </summary>
    public ProduceFuture SendStamped(ReadOnlySpan<byte> key, bool hasKey, ReadOnlySpan<byte> value, int? partition, long timestampMs, CancellationToken ct = default)
    {
        int target = partition is { } given ? _selector.Explicit(given, Topic)
            : hasKey ? _selector.ForKey(key)
            : _selector.NextKeyless();
        return Enqueue(target, key, hasKey, value, ct, timestampMs);
    }

    /// <summary>
    /// Seals the open batches and waits until every record sent before the call is acknowledged
    /// or failed. Failures are not thrown here: they are on the futures (and counted in
    /// <see cref="FailedRecords"/>). Bounded by the request timeout and the retries.
    /// </summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        ProducerBatch[] pending;
        lock (_lock)
        {
            _accumulator.SealAll();
            pending = _unsettled.Where(b => !b.IsCompleted).ToArray();
        }
        foreach (var batch in pending)
        {
            await batch.Done.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Flushes, then closes the stream. Later sends fail with <see cref="FluvioErrorCode.ProducerClosed"/>.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            _disposing ??= DisposeCoreAsync();
            return new ValueTask(_disposing);
        }
    }

    private async Task DisposeCoreAsync()
    {
        await Task.Yield(); // leave the lock DisposeAsync holds
        lock (_lock)
        {
            _closed = true;
            _accumulator.SealAll();
        }
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        _sender.Complete();
        await _sender.Completion.ConfigureAwait(false);
        await _lingerTimer.DisposeAsync().ConfigureAwait(false);
        _owner?.Forget(this);
    }

    private ProduceFuture Enqueue(int partition, ReadOnlySpan<byte> key, bool hasKey, ReadOnlySpan<byte> value, CancellationToken ct, long? timestampMs = null)
    {
        ThrowIfClosed();
        int alone = BatchLayout.Records + sizeof(int) + RecordBatchBuilder.RecordSize(key.Length, hasKey, value.Length, 0, 0);
        if (alone > _maxMessageBytes - RequestOverhead)
        {
            throw new FluvioException(FluvioErrorCode.RecordTooLarge,
                $"A record of {alone} bytes cannot be sent: the largest message to the broker is {_maxMessageBytes} bytes.");
        }
        long weight = key.Length + value.Length + RecordOverhead;
        _budget.Acquire(weight, ct, _sealAll);
        ProducerBatch batch;
        int index;
        lock (_lock)
        {
            if (_closed)
            {
                _budget.Release(weight);
                ThrowIfClosed();
            }
            (batch, index) = _accumulator.Append(partition, key, hasKey, value,
                timestampMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Environment.TickCount64, weight, out bool opened,
                exactTimestamp: timestampMs is not null);
            if (opened && !_timerArmed && !batch.IsSealed)
            {
                _timerArmed = true;
                _lingerTimer.Change(_lingerMs, Timeout.Infinite);
            }
        }
        return new ProduceFuture(batch, index);
    }

    private void ThrowIfClosed()
    {
        if (Volatile.Read(ref _closed))
        {
            throw new FluvioException(FluvioErrorCode.ProducerClosed, $"The producer for topic '{Topic}' is closed.");
        }
    }

    // Under _lock (the accumulator's callback).
    private void OnSealed(ProducerBatch batch)
    {
        while (_unsettled.TryPeek(out var head) && head.IsCompleted)
        {
            _unsettled.Dequeue();
        }
        _unsettled.Enqueue(batch);
        _sender.Enqueue(batch);
    }

    private void OnSettled(ProducerBatch batch)
    {
        _budget.Release(batch.BufferedBytes);
        Interlocked.Add(ref batch.Error is null ? ref _acknowledged : ref _failed, batch.Count);
        ProducerMetrics.Settled(Topic, batch.Count, batch.Error is null);
    }

    private void OnLinger()
    {
        lock (_lock)
        {
            _timerArmed = false;
            if (_closed)
            {
                return;
            }
            long now = Environment.TickCount64;
            if (_accumulator.SealExpired(now, _lingerMs) is { } due)
            {
                _timerArmed = true;
                _lingerTimer.Change(Math.Max(0, due - now), Timeout.Infinite);
            }
        }
    }

    private void SealAll()
    {
        lock (_lock)
        {
            _accumulator.SealAll();
        }
    }
}
