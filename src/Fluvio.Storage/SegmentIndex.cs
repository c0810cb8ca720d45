using System.Buffers.Binary;

namespace Fluvio.Storage;

/// <summary>
/// The sparse offset index of one segment: (relative offset u32, file position u32) pairs,
/// big-endian in the <c>.index</c> file, one for the first batch starting at least
/// IndexIntervalBytes after the previous entry (position 0 is implied). A lookup lands at most
/// one interval before the wanted batch; the rest is a header walk.
/// </summary>
/// <remarks>
/// One writer (the partition's writer, or recovery) adds entries while readers search. Entries
/// are packed as <c>relative &lt;&lt; 32 | position</c> in one array; it only grows, the array is
/// published before the count, so a reader that reads the count first always finds that many
/// entries in whichever array it then sees.
/// </remarks>
internal sealed class SegmentIndex
{
    public const int EntrySize = 8;

    private readonly int _interval;
    private ulong[] _entries;
    private int _count;
    private long _lastPosition;
    private long _version;
    private long _versionOnDisk = -1;

    public SegmentIndex(int interval, int capacity = 16)
    {
        _interval = interval;
        _entries = new ulong[Math.Max(capacity, 4)];
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// The index file holds exactly these entries (loaded from it or written since the last
    /// change), so a clean shutdown need not write it again: with thousands of idle partitions
    /// that rewrite and its fsync were most of the time a stop took.
    /// </summary>
    public bool IsOnDisk => Interlocked.Read(ref _versionOnDisk) == Interlocked.Read(ref _version);

    /// <summary>The last entry, or (0, 0) when there is none: where a walk to the end can start.</summary>
    public (uint Relative, uint Position) Last
    {
        get
        {
            int count = Count;
            if (count == 0)
            {
                return (0, 0);
            }
            ulong entry = Volatile.Read(ref _entries)[count - 1];
            return ((uint)(entry >> 32), (uint)entry);
        }
    }

    /// <summary>Called for every batch in file order; adds an entry once an interval has passed.</summary>
    public void OnBatch(uint relativeOffset, long position)
    {
        if (position - _lastPosition < _interval)
        {
            return;
        }
        Add(relativeOffset, (uint)position);
    }

    /// <summary>
    /// Drops the entries at or past <paramref name="size"/>: the writer's undo of a group that
    /// failed (those batches were never acknowledged). Readers never look past the committed end,
    /// so entries they may still see in the array are never the ones they pick.
    /// </summary>
    public void TruncateTo(long size)
    {
        int count = _count;
        while (count > 0 && (uint)_entries[count - 1] >= size)
        {
            count--;
        }
        if (count != _count)
        {
            Interlocked.Increment(ref _version);
        }
        Volatile.Write(ref _count, count);
        _lastPosition = count == 0 ? 0 : (uint)_entries[count - 1];
    }

    /// <summary>File position of the last indexed batch whose base offset is at most <paramref name="relativeOffset"/>.</summary>
    public long Lookup(uint relativeOffset)
    {
        int count = Count;
        var entries = Volatile.Read(ref _entries);
        ulong key = ((ulong)relativeOffset << 32) | uint.MaxValue;
        int lo = 0, hi = count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (entries[mid] <= key)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found < 0 ? 0 : (uint)entries[found];
    }

    /// <summary>Writes the whole index over <paramref name="path"/> and fsyncs it.</summary>
    public void WriteFile(string path)
    {
        long version = Interlocked.Read(ref _version);
        int count = Count;
        var entries = Volatile.Read(ref _entries);
        var bytes = new byte[count * EntrySize];
        for (int i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * EntrySize), (uint)(entries[i] >> 32));
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * EntrySize + 4), (uint)entries[i]);
        }
        using var handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.Read | FileShare.Delete);
        RandomAccess.Write(handle, bytes, 0);
        RandomAccess.FlushToDisk(handle);
        Interlocked.Exchange(ref _versionOnDisk, version);
    }

    /// <summary>
    /// Loads an index file and checks it is plausible for a log of <paramref name="logSize"/>
    /// bytes: whole entries, strictly increasing offsets and positions, positions inside the log.
    /// Whether each entry really points at its batch is checked by the caller's header walk.
    /// </summary>
    public static bool TryLoad(string path, long logSize, int interval, out SegmentIndex index, out string problem)
    {
        index = new SegmentIndex(interval);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            problem = "the index file is missing";
            return false;
        }
        catch (IOException ex)
        {
            problem = $"the index file cannot be read: {ex.Message}";
            return false;
        }
        if (bytes.Length % EntrySize != 0)
        {
            problem = $"the index file has {bytes.Length} bytes, not a whole number of {EntrySize}-byte entries";
            return false;
        }
        index = new SegmentIndex(interval, bytes.Length / EntrySize);
        ulong previous = 0;
        for (int i = 0; i < bytes.Length; i += EntrySize)
        {
            uint relative = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(i));
            uint position = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(i + 4));
            if (i > 0 && (relative <= (uint)(previous >> 32) || position <= (uint)previous))
            {
                problem = $"index entry {i / EntrySize} does not increase";
                return false;
            }
            if (position >= logSize)
            {
                problem = $"index entry {i / EntrySize} points at position {position}, past the log's {logSize} bytes";
                return false;
            }
            index.Add(relative, position);
            previous = ((ulong)relative << 32) | position;
        }
        index._versionOnDisk = index._version;
        problem = "";
        return true;
    }

    private void Add(uint relativeOffset, uint position)
    {
        var entries = _entries;
        if (_count == entries.Length)
        {
            var grown = new ulong[entries.Length * 2];
            Array.Copy(entries, grown, _count);
            Volatile.Write(ref _entries, grown);
            entries = grown;
        }
        entries[_count] = ((ulong)relativeOffset << 32) | position;
        Interlocked.Increment(ref _version);
        Volatile.Write(ref _count, _count + 1);
        _lastPosition = position;
    }
}
