using System.Buffers.Binary;
using Fluvio.Protocol.Records;

namespace Fluvio.Storage;

/// <summary>One validated batch of an append: where it lies in the caller's bytes.</summary>
internal readonly record struct PendingBatch(int Start, int Size, int RecordCount);

/// <summary>One <see cref="PartitionLog.AppendAsync"/> call waiting for the writer.</summary>
internal sealed class AppendRequest(ReadOnlyMemory<byte> data, PendingBatch[] batches)
{
    public ReadOnlyMemory<byte> Data { get; } = data;

    public PendingBatch[] Batches { get; } = batches;

    public long[] BaseOffsets { get; } = new long[batches.Length];

    public TaskCompletionSource<long[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// The single writer of one partition, with group commit: appends queue in arrival order; one
/// pass takes everything queued, writes it with one gathered positional write (the base offset
/// of each batch goes in as its own 8-byte piece, so the caller's bytes are never copied), does
/// ONE fsync, then commits (readers see it, EndOffset moves) and acknowledges them all. Appends
/// arriving meanwhile form the next group, so under load one fsync serves many appends.
/// </summary>
/// <remarks>
/// The writer runs on its own thread, not the thread pool: fsync blocks for milliseconds, and a
/// few busy partitions would otherwise hold the pool threads the broker's network code needs. The
/// thread starts with the first append and ends after <see cref="IdleTimeout"/> without work.
/// </remarks>
internal sealed class GroupCommitWriter(PartitionLog log)
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(5);

    private readonly object _lock = new();
    private readonly List<ReadOnlyMemory<byte>> _pieces = [];
    private List<AppendRequest> _queue = [];
    private List<AppendRequest> _spare = [];
    private byte[] _offsetBytes = new byte[8 * 64];
    private bool _running;
    private bool _idle;
    private TaskCompletionSource _stopped = new();
    // Writer thread only: whether the failure being handled came from an fsync.
    private bool _syncing;

    public Task<long[]> Enqueue(AppendRequest request)
    {
        lock (_lock)
        {
            log.Health.ThrowIfAppendsRefused();
            _queue.Add(request);
            if (!_running)
            {
                _running = true;
                _stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                new Thread(Run) { IsBackground = true, Name = $"Fluvio writer {log.Label}" }.Start();
            }
            else if (_idle)
            {
                Monitor.Pulse(_lock);
            }
        }
        return request.Completion.Task;
    }

    /// <summary>Refuses new appends and completes once every queued one is written and answered.</summary>
    public Task CloseAsync(FluvioErrorCode error, string message)
    {
        lock (_lock)
        {
            log.Health.RefuseAppendsForClose(error, message);
            if (_idle)
            {
                Monitor.Pulse(_lock);
            }
            return _running ? _stopped.Task : Task.CompletedTask;
        }
    }

    private void Run()
    {
        while (true)
        {
            List<AppendRequest> work;
            lock (_lock)
            {
                while (_queue.Count == 0)
                {
                    bool woken = false;
                    if (!log.Health.RefusesAppends)
                    {
                        _idle = true;
                        woken = Monitor.Wait(_lock, IdleTimeout);
                        _idle = false;
                    }
                    // Checked under the lock: an append queued as the wait timed out is still seen.
                    if (!woken && _queue.Count == 0)
                    {
                        _running = false;
                        _stopped.TrySetResult();
                        return;
                    }
                }
                work = _queue;
                _queue = _spare;
            }
            var groupStart = log.ActiveSegment;
            try
            {
                _syncing = false;
                WriteAndCommit(work);
                foreach (var request in work)
                {
                    request.Completion.TrySetResult(request.BaseOffsets);
                }
            }
            catch (Exception ex)
            {
                if (!TryFailGroupOnly(ex, work, groupStart))
                {
                    Fault(ex, work);
                }
            }
            work.Clear();
            _spare = work;
        }
    }

    private void WriteAndCommit(List<AppendRequest> work)
    {
        int batchCount = 0;
        foreach (var request in work)
        {
            batchCount += request.Batches.Length;
        }
        if (_offsetBytes.Length < batchCount * 8)
        {
            _offsetBytes = new byte[Math.Max(batchCount * 8, _offsetBytes.Length * 2)];
        }
        var active = log.ActiveSegment;
        long next = active.WrittenNextOffset;
        long writeFrom = active.WrittenSize;
        bool wrote = false;
        int slot = 0;
        foreach (var request in work)
        {
            var batches = request.Batches;
            for (int i = 0; i < batches.Length; i++)
            {
                var batch = batches[i];
                request.BaseOffsets[i] = next;
                if (batch.RecordCount == 0)
                {
                    continue; // empty batches are answered but never stored
                }
                if (!active.Fits(batch.Size, batch.RecordCount, log.Config.SegmentSize))
                {
                    // Seal: the old segment is fsynced before the new one exists, so recovery
                    // only ever has to CRC-scan the newest segment.
                    Flush(active, writeFrom);
                    Sync(active);
                    active = log.Roll(next);
                    writeFrom = 0;
                }
                var offsetPiece = _offsetBytes.AsMemory(slot++ * 8, 8);
                BinaryPrimitives.WriteInt64BigEndian(offsetPiece.Span, next);
                _pieces.Add(offsetPiece);
                _pieces.Add(request.Data.Slice(batch.Start + 8, batch.Size - 8));
                active.Stage(batch.Size, batch.RecordCount);
                next += batch.RecordCount;
                wrote = true;
            }
        }
        Flush(active, writeFrom);
        if (wrote)
        {
            if (log.Options.FlushMode == FlushMode.Fsync)
            {
                Sync(active);
            }
            else
            {
                log.MarkDirty();
            }
            log.Commit();
        }
    }

    private void Flush(Segment segment, long position)
    {
        if (_pieces.Count == 0)
        {
            return;
        }
        try
        {
            using var file = segment.RentHandle();
            RandomAccess.Write(file.Handle, _pieces, position);
        }
        finally
        {
            _pieces.Clear();
        }
    }

    private void Sync(Segment segment)
    {
        _syncing = true;
        log.BeforeFsync?.Invoke();
        using (var file = segment.RentHandle())
        {
            RandomAccess.FlushToDisk(file.Handle);
        }
        _syncing = false;
        log.CountFsync();
    }

    /// <summary>
    /// A full disk is the one failure that does not stop the partition, when it can be undone
    /// exactly: the group did not roll to a new segment, and (Interval mode) it was not an fsync,
    /// which could have dropped acknowledged bytes not yet synced. Then the active segment is cut
    /// back to its committed size, the group's appends fail (none was acknowledged), and later
    /// appends are tried afresh: they fail the same way until space is freed, then succeed.
    /// </summary>
    private bool TryFailGroupOnly(Exception cause, List<AppendRequest> work, Segment groupStart)
    {
        bool unsyncedAcknowledged = _syncing && log.Options.FlushMode == FlushMode.Interval;
        if (!DiskSpace.IsExhausted(cause) || unsyncedAcknowledged || !log.TryRewind(groupStart))
        {
            return false;
        }
        string message = $"Partition {log.Label} could not store an append because the disk is full ({cause.Message}); nothing of it was stored. Appends succeed again once space is freed.";
        log.Options.Log?.Invoke(message);
        foreach (var request in work)
        {
            request.Completion.TrySetException(new StorageException(FluvioErrorCode.StorageFailure, message, cause));
        }
        return true;
    }

    /// <summary>
    /// An I/O or fsync failure (from the writer, with its <paramref name="work"/>, or from the
    /// interval flush timer, without) that <see cref="TryFailGroupOnly"/> could not undo. The state
    /// of the file is unknown (after a failed fsync the kernel may already have dropped the dirty
    /// pages), so nothing queued is acknowledged and the partition refuses writes from now on.
    /// Data committed before stays readable.
    /// </summary>
    public void Fault(Exception cause, List<AppendRequest>? work)
    {
        string message = $"Partition {log.Label} refuses writes after a storage failure: {cause.Message}";
        List<AppendRequest> queued;
        lock (_lock)
        {
            log.Health.RefuseWrites(message, cause);
            queued = [.. _queue];
            _queue.Clear();
        }
        if (work is not null)
        {
            queued.InsertRange(0, work);
            log.DiscardUncommittedTail();
        }
        // The partition's state first: a caller woken by its failed append must already see it.
        log.OnWriteFault(message);
        foreach (var request in queued)
        {
            request.Completion.TrySetException(new StorageException(FluvioErrorCode.StorageFailure, message, cause));
        }
    }
}
