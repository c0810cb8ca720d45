using System.Buffers;
using System.Globalization;
using Fluvio.Protocol.Records;

namespace Fluvio.Storage;

/// <summary>
/// One segment of a partition: <c>&lt;base offset, 20 digits&gt;.log</c> holding whole batches
/// exactly as on the wire, and its sparse <c>.index</c> (kept in memory, its file written on
/// roll and close). Reads are positional, so any number of readers share one handle with the
/// single writer; the handle is rented from the store's <see cref="FileHandleCache"/> for each
/// operation, so a segment keeps no descriptor open between them.
/// </summary>
internal sealed class Segment
{
    public const string LogExtension = ".log";
    public const string IndexExtension = ".index";

    // Reference count: 1 held by the partition while the segment is live, +1 per read in flight,
    // so retention or close never forgets the file under a reader.
    private int _references = 1;
    private long _committedSize;
    private long _committedNextOffset;

    private readonly FileHandleCache _files;

    private Segment(FileHandleCache files, string directory, long baseOffset, SegmentIndex index)
    {
        _files = files;
        BaseOffset = baseOffset;
        string stem = FileStem(baseOffset);
        LogPath = Path.Combine(directory, stem + LogExtension);
        IndexPath = Path.Combine(directory, stem + IndexExtension);
        Index = index;
        WrittenNextOffset = baseOffset;
        _committedNextOffset = baseOffset;
    }

    public long BaseOffset { get; }

    public string LogPath { get; }

    public string IndexPath { get; }

    /// <summary>The log file's handle until the lease is disposed (opened on demand, shared, bounded).</summary>
    public FileHandleCache.Lease RentHandle() => _files.Rent(LogPath);

    public SegmentIndex Index { get; private set; }

    /// <summary>Where this file's batches already passed their CRC check (so reads need not check them again).</summary>
    public VerifiedRanges Verified { get; } = new();

    /// <summary>Bytes staged for the file: written, or about to be by the writer's next flush.</summary>
    public long WrittenSize { get; private set; }

    /// <summary>Offset after the last staged batch.</summary>
    public long WrittenNextOffset { get; private set; }

    /// <summary>Bytes readers may see: written and acknowledged.</summary>
    public long CommittedSize => Volatile.Read(ref _committedSize);

    public long CommittedNextOffset => Volatile.Read(ref _committedNextOffset);

    public static string FileStem(long baseOffset) => baseOffset.ToString("D20", CultureInfo.InvariantCulture);

    public static bool TryParseStem(string stem, out long baseOffset)
    {
        baseOffset = 0;
        return stem.Length == 20 && long.TryParse(stem, NumberStyles.None, CultureInfo.InvariantCulture, out baseOffset);
    }

    /// <summary>Creates a new, empty segment file; the caller fsyncs the directory.</summary>
    public static Segment Create(FileHandleCache files, string directory, long baseOffset, int indexInterval)
    {
        string path = Path.Combine(directory, FileStem(baseOffset) + LogExtension);
        File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete).Dispose();
        return new Segment(files, directory, baseOffset, new SegmentIndex(indexInterval));
    }

    /// <summary>Opens an existing segment file for recovery; its state is set by <see cref="Recovered"/>.</summary>
    public static Segment Open(FileHandleCache files, string directory, long baseOffset, int indexInterval) =>
        new(files, directory, baseOffset, new SegmentIndex(indexInterval));

    /// <summary>Sets the state recovery found: the whole file is valid and visible.</summary>
    public void Recovered(long size, long nextOffset, SegmentIndex index)
    {
        Index = index;
        WrittenSize = size;
        WrittenNextOffset = nextOffset;
        Commit();
    }

    /// <summary>
    /// Whether a batch of <paramref name="size"/> bytes and <paramref name="recordCount"/> records
    /// still belongs in this segment: an empty segment takes any batch; otherwise it must stay
    /// within <paramref name="segmentSize"/> and its offsets within the index's u32 range.
    /// </summary>
    public bool Fits(int size, int recordCount, long segmentSize) =>
        WrittenSize == 0
        || (WrittenSize + size <= segmentSize && WrittenNextOffset + recordCount - BaseOffset <= uint.MaxValue);

    /// <summary>
    /// Takes the next batch (its bytes are written by the caller at the returned position, its
    /// base offset being <see cref="WrittenNextOffset"/>): indexes it and moves the written size
    /// and next offset past it. Readers see it only after <see cref="Commit"/>.
    /// </summary>
    /// <returns>The file position the batch goes to.</returns>
    public long Stage(int size, int recordCount)
    {
        long position = WrittenSize;
        Index.OnBatch((uint)(WrittenNextOffset - BaseOffset), position);
        WrittenSize += size;
        WrittenNextOffset += recordCount;
        return position;
    }

    /// <summary>Makes everything written so far visible to readers.</summary>
    public void Commit()
    {
        Volatile.Write(ref _committedNextOffset, WrittenNextOffset);
        Volatile.Write(ref _committedSize, WrittenSize);
    }

    /// <summary>Forgets what was written but not committed (after the file was cut back to <see cref="CommittedSize"/>).</summary>
    public void Rewind()
    {
        WrittenSize = CommittedSize;
        WrittenNextOffset = CommittedNextOffset;
        Index.TruncateTo(WrittenSize);
    }

    public bool TryAcquire()
    {
        while (true)
        {
            int current = Volatile.Read(ref _references);
            if (current <= 0)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _files.Forget(LogPath);
        }
    }

    /// <summary>
    /// Finds the batch containing <paramref name="offset"/> among the first <paramref name="limit"/>
    /// bytes: index lookup, then a walk over batch headers read in one block.
    /// </summary>
    public (long Position, BatchHeader Header) FindBatch(long offset, long limit, int scratchSize)
    {
        long position = Index.Lookup((uint)(offset - BaseOffset));
        byte[] scratch = ArrayPool<byte>.Shared.Rent(scratchSize);
        try
        {
            long bufferStart = 0;
            int buffered = 0;
            while (position + BatchLayout.Records <= limit)
            {
                if (position < bufferStart || position + BatchLayout.Records > bufferStart + buffered)
                {
                    bufferStart = position;
                    buffered = (int)Math.Min(scratch.Length, limit - position);
                    ReadExactly(scratch.AsSpan(0, buffered), position);
                }
                BatchHeader.TryRead(scratch.AsSpan((int)(position - bufferStart), BatchLayout.Records), out var header);
                if (header.BatchLength < BatchLayout.HeaderSize || header.BaseOffset > offset)
                {
                    break;
                }
                if (header.NextOffset > offset)
                {
                    return (position, header);
                }
                position += header.TotalSize;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
        throw new StorageException(
            FluvioErrorCode.StorageFailure,
            $"Offset {offset} should be in '{LogPath}' but no batch there holds it: the file or its index is damaged.");
    }

    /// <summary>Reads exactly <paramref name="destination"/>.Length bytes at <paramref name="position"/>.</summary>
    public void ReadExactly(Span<byte> destination, long position)
    {
        using var file = RentHandle();
        while (!destination.IsEmpty)
        {
            int read = RandomAccess.Read(file.Handle, destination, position);
            if (read <= 0)
            {
                throw new StorageException(FluvioErrorCode.StorageFailure, $"'{LogPath}' ended at {position} while reading committed data.");
            }
            destination = destination[read..];
            position += read;
        }
    }
}
