using Fluvio.Protocol.Records;

namespace Fluvio.Storage;

/// <summary>
/// The durable log of one partition: a list of segments, appended by one group-commit writer,
/// read positionally by any number of threads.
/// </summary>
/// <remarks>
/// Visibility: a writer's bytes become readable only when it commits (after the fsync in
/// <see cref="FlushMode.Fsync"/>): first every touched segment's committed size, then
/// <see cref="EndOffset"/>. A reader reads <see cref="EndOffset"/> first, so whatever lies below
/// it is already inside committed bytes.
/// </remarks>
public sealed class PartitionLog
{
    private readonly object _segmentsLock = new();
    private readonly object _retentionLock = new();
    private readonly GroupCommitWriter _writer;
    private readonly CommitSignal _commits = new();
    private readonly int _scratchSize;
    // Copy-on-write, oldest first: the writer appends on roll, retention drops from the front.
    private Segment[] _segments;
    private long _logStartOffset;
    private long _endOffset;
    private long _sizeBytes;
    private long _fsyncCount;
    private long _crcCheckedBytes;
    private int _dirty;

    internal PartitionLog(string topic, int partition, string directory, TopicConfig config, StorageOptions options, FileHandleCache files, bool clean)
    {
        Files = files;
        Topic = topic;
        Partition = partition;
        Directory = directory;
        Config = config;
        Options = options;
        Label = $"{topic}-{partition}";
        _segments = Recovery.RecoverPartition(files, directory, Label, clean, options, out string? fence);
        Health = new PartitionHealth(Label, fence);
        if (_segments.Length > 0)
        {
            _logStartOffset = _segments[0].BaseOffset;
            _endOffset = _segments[^1].WrittenNextOffset;
            foreach (var segment in _segments)
            {
                _sizeBytes += segment.CommittedSize;
            }
        }
        _writer = new GroupCommitWriter(this);
        // Enough to hold every header between two index entries in one read.
        _scratchSize = Math.Min(options.IndexIntervalBytes, 1 << 20) + BatchLayout.Records;
    }

    public string Topic { get; }

    public int Partition { get; }

    /// <summary>The first offset still stored (moves forward when retention deletes segments).</summary>
    public long LogStartOffset => Volatile.Read(ref _logStartOffset);

    /// <summary>
    /// The next offset to assign, and the high watermark: everything below it is acknowledged
    /// (and, in <see cref="FlushMode.Fsync"/>, on disk).
    /// </summary>
    public long EndOffset => Volatile.Read(ref _endOffset);

    /// <summary>Bytes of acknowledged batches stored.</summary>
    public long SizeBytes => Volatile.Read(ref _sizeBytes);

    /// <summary>
    /// Null while healthy. Otherwise why the partition is fenced (damage found by recovery or by a
    /// read: reads and appends fail) or refuses appends (an I/O or fsync failure: acknowledged data
    /// stays readable). A full disk sets nothing: the failed append is undone and later ones are
    /// tried again.
    /// </summary>
    public string? Fault => Health.Fault;

    /// <summary>Healthy, write refused, fenced or closed: the one place that says.</summary>
    internal PartitionHealth Health { get; }

    internal string Label { get; }

    internal string Directory { get; }

    internal TopicConfig Config { get; }

    internal StorageOptions Options { get; }

    /// <summary>The store's bounded cache of open segment files.</summary>
    internal FileHandleCache Files { get; }

    /// <summary>Fsyncs of this partition's log files by the writer and the flush timer.</summary>
    internal long FsyncCount => Interlocked.Read(ref _fsyncCount);

    /// <summary>Bytes whose CRC reads computed (each stored batch once: <see cref="StoredBatchCheck"/>).</summary>
    internal long CrcCheckedBytes => Interlocked.Read(ref _crcCheckedBytes);

    /// <summary>Test hook: runs before every log fsync; throw from it to simulate a failing disk.</summary>
    internal Action? BeforeFsync { get; set; }

    internal int SegmentCount => Volatile.Read(ref _segments).Length;

    internal Segment ActiveSegment => Volatile.Read(ref _segments)[^1];

    /// <summary>
    /// Appends one or more concatenated encoded batches and returns each one's assigned base
    /// offset once acknowledged (durable in <see cref="FlushMode.Fsync"/>). All-or-nothing
    /// validation: every batch's structure and CRC are checked before anything is queued
    /// (<see cref="FluvioErrorCode.InvalidBatch"/>, <see cref="FluvioErrorCode.RecordTooLarge"/>). An empty
    /// batch stores nothing and gets the end offset at its turn. Safe from many threads: calls are
    /// written in arrival order, never interleaved.
    /// </summary>
    /// <remarks>
    /// The bytes are written straight from <paramref name="batches"/> (no copy), so the caller must
    /// leave that memory untouched until the returned task completes. For the same reason the token
    /// is observed only before the append is queued: once queued, the call always waits for its
    /// write (a few milliseconds), and when it returns the memory is free again.
    /// </remarks>
    public ValueTask<long[]> AppendAsync(ReadOnlyMemory<byte> batches, CancellationToken cancellationToken = default) =>
        AppendAsync(batches, claimAllowance: 0, cancellationToken);

    /// <summary>
    /// As <see cref="AppendAsync(ReadOnlyMemory{byte}, CancellationToken)"/>, for the output of a
    /// SmartModule chain: a batch may claim up to <paramref name="claimAllowance"/> offsets (what
    /// <see cref="CheckAppend"/> found its input to claim) however few records its bytes hold.
    /// </summary>
    public ValueTask<long[]> AppendAsync(ReadOnlyMemory<byte> batches, long claimAllowance, CancellationToken cancellationToken = default)
    {
        Health.ThrowIfFenced();
        cancellationToken.ThrowIfCancellationRequested();
        var request = new AppendRequest(batches, AppendValidation.Validate(batches.Span, Options.MaxBatchBytes, Config.SegmentSize, Label, claimAllowance));
        return new ValueTask<long[]>(_writer.Enqueue(request));
    }

    /// <summary>
    /// Checks an append as <see cref="AppendAsync(ReadOnlyMemory{byte}, CancellationToken)"/> would
    /// (structure, CRC, sizes, the offsets each batch claims) without queuing it, and returns the
    /// offsets its batches claim: produce checks an entry this way before a SmartModule reads it.
    /// </summary>
    public long CheckAppend(ReadOnlyMemory<byte> batches)
    {
        Health.ThrowIfFenced();
        return AppendValidation.ClaimedRecords(batches.Span, Options.MaxBatchBytes, Config.SegmentSize, Label);
    }

    /// <summary>
    /// Whole stored batches from the one containing <paramref name="offset"/>, concatenated, at most
    /// <paramref name="maxBytes"/> but always at least one whole batch when
    /// <paramref name="offset"/> &lt; <see cref="EndOffset"/>; empty at <see cref="EndOffset"/>.
    /// May continue into following segments. Thread-safe, concurrent with appends.
    /// </summary>
    public ReadOnlyMemory<byte> Read(long offset, int maxBytes)
    {
        Health.ThrowIfFenced();
        if (maxBytes < 0)
        {
            throw new StorageException(FluvioErrorCode.InvalidArgument, $"maxBytes must not be negative, {maxBytes} given.");
        }
        while (true)
        {
            Health.ThrowIfClosed();
            long end = EndOffset;
            long start = LogStartOffset;
            if (offset < start || offset > end)
            {
                throw new StorageException(
                    FluvioErrorCode.OffsetOutOfRange,
                    $"Offset {offset} is outside partition {Label}, which holds offsets {start} to {end} (end exclusive).");
            }
            if (offset == end)
            {
                return ReadOnlyMemory<byte>.Empty;
            }
            var segments = Volatile.Read(ref _segments);
            int i = LogReader.FindSegment(segments, offset);
            if (i >= 0 && segments[i].TryAcquire())
            {
                try
                {
                    var read = LogReader.Read(segments, i, offset, maxBytes, _scratchSize);
                    string? problem = StoredBatchCheck.FindDamage(read, offset, out long checkedBytes);
                    Interlocked.Add(ref _crcCheckedBytes, checkedBytes);
                    if (problem is not null)
                    {
                        throw Damaged(segments[i], problem);
                    }
                    return read.Batches;
                }
                catch (StorageException e) when (e.Error == FluvioErrorCode.StorageFailure && !Health.IsClosed && !Health.IsDamaged)
                {
                    throw Damaged(segments[i], e.Message);
                }
                finally
                {
                    segments[i].Release();
                }
            }
            // Retention or close took the segment between our reads: look again.
        }
    }

    /// <summary>
    /// Completes when <see cref="EndOffset"/> &gt; <paramref name="offset"/> (at once if already so)
    /// or the log is closed; cancelled with the token; fails if the partition stops accepting
    /// writes. Woken by the commit path, never by polling.
    /// </summary>
    public Task WaitForDataAsync(long offset, CancellationToken cancellationToken)
    {
        Health.ThrowIfFenced();
        if (EndOffset > offset || Health.IsClosed)
        {
            return Task.CompletedTask;
        }
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }
        return WaitSlowAsync(offset, cancellationToken);
    }

    private async Task WaitSlowAsync(long offset, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Arm first, then check: a commit after the check completes the armed task.
            var committed = _commits.Arm();
            if (EndOffset > offset || Health.IsClosed)
            {
                return;
            }
            Health.ThrowIfNoMoreData();
            await committed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Fences the partition after a read found acknowledged data damaged on disk (a bit flip the
    /// header walk of recovery cannot see). Serving it would hand out a corrupt record; cutting it
    /// would drop acknowledged ones; so reads and appends stop until an operator repairs the files.
    /// </summary>
    private StorageException Damaged(Segment segment, string problem)
    {
        string message = $"Partition {Label} is fenced: stored data in '{segment.LogPath}' or after it is damaged ({problem}). Other partitions are unaffected; restore or repair its files, then restart.";
        if (Health.TryFence(message))
        {
            Options.Log?.Invoke(message);
            _commits.NotifyAll();
        }
        return new StorageException(FluvioErrorCode.StorageFailure, Health.DamageMessage);
    }

    // ---- Writer side: called only by GroupCommitWriter (one thread at a time). ----

    /// <summary>Seals the active segment (already fsynced by the writer) and starts a new one.</summary>
    internal Segment Roll(long baseOffset)
    {
        var sealedSegment = ActiveSegment;
        sealedSegment.Index.WriteFile(sealedSegment.IndexPath);
        var segment = Segment.Create(Files, Directory, baseOffset, Options.IndexIntervalBytes);
        try
        {
            // The new file's directory entry must be durable before data in it is acknowledged.
            DurableFile.SyncDirectory(Directory);
        }
        catch
        {
            // Not published: remove it, so the next roll can create it again (a full disk passes).
            segment.Release();
            File.Delete(segment.LogPath);
            throw;
        }
        lock (_segmentsLock)
        {
            Volatile.Write(ref _segments, [.. _segments, segment]);
        }
        return segment;
    }

    /// <summary>Makes everything written visible and moves <see cref="EndOffset"/>, then wakes readers.</summary>
    internal void Commit()
    {
        var segments = Volatile.Read(ref _segments);
        // Oldest touched segment first (a group that rolled touched several), the end offset last.
        int first = segments.Length - 1;
        while (first > 0 && segments[first - 1].WrittenSize != segments[first - 1].CommittedSize)
        {
            first--;
        }
        long added = 0;
        for (int i = first; i < segments.Length; i++)
        {
            added += segments[i].WrittenSize - segments[i].CommittedSize;
            segments[i].Commit();
        }
        Interlocked.Add(ref _sizeBytes, added);
        Volatile.Write(ref _endOffset, segments[^1].WrittenNextOffset);
        _commits.Notify();
    }

    internal void CountFsync() => Interlocked.Increment(ref _fsyncCount);

    /// <summary>Interval mode: written but not yet fsynced.</summary>
    internal void MarkDirty() => Volatile.Write(ref _dirty, 1);

    /// <summary>Interval mode timer: fsyncs the active segment if anything was written since the last time.</summary>
    internal void FlushIfDirty()
    {
        if (Health.FencedAtRecovery || Interlocked.Exchange(ref _dirty, 0) == 0)
        {
            return;
        }
        // Read after clearing the flag: a roll publishes the new segment before writing to it and
        // fsyncs the old one, so the segment read here is the one the flagged bytes went to.
        var segment = ActiveSegment;
        if (!segment.TryAcquire())
        {
            return;
        }
        try
        {
            BeforeFsync?.Invoke();
            using var file = segment.RentHandle();
            RandomAccess.FlushToDisk(file.Handle);
            CountFsync();
        }
        catch (Exception ex)
        {
            _writer.Fault(ex, null);
        }
        finally
        {
            segment.Release();
        }
    }

    /// <summary>Called by the writer once <see cref="Health"/> refuses writes: log it and wake waiting readers.</summary>
    internal void OnWriteFault(string message)
    {
        Options.Log?.Invoke(message);
        _commits.NotifyAll();
    }

    /// <summary>
    /// Undoes a failed group that did not roll: cuts the active segment back to its committed
    /// size, durably, and forgets the uncommitted state. False when the group rolled or the cut
    /// failed; the caller then stops the partition.
    /// </summary>
    internal bool TryRewind(Segment groupStart)
    {
        var active = ActiveSegment;
        if (!ReferenceEquals(active, groupStart) || Health.IsDamaged)
        {
            return false;
        }
        try
        {
            using var file = active.RentHandle();
            RandomAccess.SetLength(file.Handle, active.CommittedSize);
            RandomAccess.FlushToDisk(file.Handle);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            Options.Log?.Invoke($"Could not cut the unacknowledged tail of '{active.LogPath}': {ex.Message}");
            return false;
        }
        active.Rewind();
        return true;
    }

    /// <summary>Best effort after a failed write: drop bytes that were never acknowledged.</summary>
    internal void DiscardUncommittedTail()
    {
        var active = ActiveSegment;
        try
        {
            using var file = active.RentHandle();
            RandomAccess.SetLength(file.Handle, active.CommittedSize);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException or StorageException)
        {
            Options.Log?.Invoke($"Could not cut the unacknowledged tail of '{active.LogPath}': {ex.Message}");
        }
    }

    // ---- Retention and shutdown. ----

    /// <summary>Deletes whole sealed segments per <see cref="Retention"/>; returns how many.</summary>
    internal int EnforceRetention(DateTime utcNow)
    {
        if (Health.FencedAtRecovery || Health.IsClosed)
        {
            return 0;
        }
        lock (_retentionLock)
        {
            if (Health.IsClosed)
            {
                return 0;
            }
            Segment[] expired;
            lock (_segmentsLock)
            {
                var segments = _segments;
                int count = Retention.CountExpired(segments, EndOffset, SizeBytes, Config, utcNow, out long bytes);
                if (count == 0)
                {
                    return 0;
                }
                expired = segments[..count];
                // Start offset first: a reader that still sees the old list then fails to acquire
                // a retired segment, looks again and gets OffsetOutOfRange.
                Volatile.Write(ref _logStartOffset, segments[count].BaseOffset);
                Volatile.Write(ref _segments, segments[count..]);
                Interlocked.Add(ref _sizeBytes, -bytes);
            }
            Retention.DeleteFiles(expired, Directory, Label, Options.Log);
            return expired.Length;
        }
    }

    /// <summary>
    /// Refuses new appends, lets queued ones finish, then (when <paramref name="writeIndex"/>)
    /// fsyncs and writes the active index, and releases the files. True when the partition was
    /// healthy and its state on disk is complete, so a clean-shutdown marker may be written.
    /// </summary>
    internal async Task<bool> CloseAsync(FluvioErrorCode error, string message, bool writeIndex)
    {
        if (!Health.TryBeginClose())
        {
            return false;
        }
        if (Health.FencedAtRecovery)
        {
            Health.MarkClosed(error, message);
            return false;
        }
        await _writer.CloseAsync(error, message).ConfigureAwait(false);
        bool healthy = Health.IsSound;
        Segment[] segments;
        lock (_retentionLock)
        {
            segments = Volatile.Read(ref _segments);
            if (healthy && writeIndex)
            {
                healthy = TryWriteFinalState(segments[^1]);
            }
            Health.MarkClosed(error, message);
        }
        foreach (var segment in segments)
        {
            segment.Release();
        }
        _commits.NotifyAll();
        return healthy;
    }

    private bool TryWriteFinalState(Segment active)
    {
        try
        {
            if (Options.FlushMode == FlushMode.Interval)
            {
                using (var file = active.RentHandle())
                {
                    RandomAccess.FlushToDisk(file.Handle);
                }
                CountFsync();
            }
            if (!active.Index.IsOnDisk)
            {
                active.Index.WriteFile(active.IndexPath);
            }
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Options.Log?.Invoke($"Closing partition {Label}: {ex.Message}");
            return false;
        }
    }
}
