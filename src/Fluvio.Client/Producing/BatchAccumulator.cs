using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;

namespace Fluvio.Client;

/// <summary>
/// The open batch of each partition. A record that would push its batch past the batch size
/// seals that batch first; a record too big for an empty batch gets a batch of its own, sealed
/// at once. Sealed batches go to <c>onSealed</c> in the order they were sealed. Not thread-safe:
/// the producer calls it under its lock.
/// </summary>
internal sealed class BatchAccumulator
{
    private const int MaxInitialCapacity = 256 * 1024;

    private ProducerBatch?[] _open;
    private readonly int _batchSize;
    private readonly CompressionCodec _codec;
    private readonly Action<ProducerBatch> _onSealed;
    private readonly Action<ProducerBatch>? _onSettled;

    public BatchAccumulator(int partitionCount, int batchSize, CompressionCodec codec, Action<ProducerBatch> onSealed, Action<ProducerBatch>? onSettled = null)
    {
        _open = new ProducerBatch?[partitionCount];
        _batchSize = batchSize;
        _codec = codec;
        _onSealed = onSealed;
        _onSettled = onSettled;
    }

    public int OpenCount { get; private set; }

    /// <summary>The topic gained partitions: room for their batches (open batches stay as they are).</summary>
    public void Grow(int partitionCount)
    {
        if (partitionCount > _open.Length)
        {
            Array.Resize(ref _open, partitionCount);
        }
    }

    /// <summary>Encodes the record into its partition's open batch.</summary>
    /// <param name="nowMs">Wall clock (record timestamp).</param>
    /// <param name="nowTicks">Monotonic clock in ms (linger).</param>
    /// <param name="opened">True when this record opened a new batch (the linger clock starts).</param>
    /// <param name="exactTimestamp">
    /// <paramref name="nowMs"/> is a given timestamp that must be stored as it is: a batch holds
    /// timestamps at or after its first one (deltas are never negative), and either all or none
    /// of them, so a record that fits neither rule starts a new batch instead of being clamped.
    /// </param>
    public (ProducerBatch Batch, int Index) Append(int partition, ReadOnlySpan<byte> key, bool hasKey, ReadOnlySpan<byte> value,
        long nowMs, long nowTicks, long bufferedBytes, out bool opened, bool exactTimestamp = false)
    {
        var batch = _open[partition];
        if (batch is not null && (batch.UncompressedSize + batch.SizeOf(key.Length, hasKey, value.Length, nowMs) > _batchSize
            || exactTimestamp && !batch.Holds(nowMs)))
        {
            Seal(partition);
            batch = null;
        }
        opened = batch is null;
        if (batch is null)
        {
            int alone = BatchLayout.Records + sizeof(int) + RecordBatchBuilder.RecordSize(key.Length, hasKey, value.Length, 0, 0);
            int capacity = alone > _batchSize ? alone + 16 : Math.Min(_batchSize + 16, MaxInitialCapacity);
            batch = new ProducerBatch(partition, _codec, nowMs, nowTicks, capacity, _onSettled);
            _open[partition] = batch;
            OpenCount++;
        }
        int index = batch.Append(key, hasKey, value, nowMs, bufferedBytes);
        if (index == 0 && batch.UncompressedSize > _batchSize)
        {
            batch.Oversized = true;
            Seal(partition);
        }
        return (batch, index);
    }

    /// <summary>Seals the batches open for at least <paramref name="lingerMs"/>.</summary>
    /// <returns>When the oldest batch still open will be due, or null when none is open.</returns>
    public long? SealExpired(long nowTicks, long lingerMs)
    {
        long? next = null;
        for (int p = 0; p < _open.Length; p++)
        {
            if (_open[p] is not { } batch)
            {
                continue;
            }
            long due = batch.OpenedAtTicks + lingerMs;
            if (due <= nowTicks)
            {
                Seal(p);
            }
            else if (next is null || due < next)
            {
                next = due;
            }
        }
        return next;
    }

    public void SealAll()
    {
        for (int p = 0; p < _open.Length && OpenCount > 0; p++)
        {
            if (_open[p] is not null)
            {
                Seal(p);
            }
        }
    }

    private void Seal(int partition)
    {
        var batch = _open[partition]!;
        _open[partition] = null;
        OpenCount--;
        batch.Seal();
        _onSealed(batch);
    }
}
