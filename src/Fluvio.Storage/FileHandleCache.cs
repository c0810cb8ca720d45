using Microsoft.Win32.SafeHandles;

namespace Fluvio.Storage;

/// <summary>
/// The open segment files of a whole store, at most <c>capacity</c> of them (plus any in use at
/// the same moment): every read, write and fsync rents a handle, opened on demand, and the least
/// recently used idle one is closed when the cache is full. So open descriptors do not grow with
/// partitions × segments, while a partition being written or read keeps its handle (a hit costs
/// a dictionary lookup; a miss, one open(2), small beside an fsync).
/// </summary>
/// <remarks>
/// A handle is closed only when no renter holds it, so a write and the fsync of the same group
/// always use one descriptor (its write-back error is reported to that descriptor). Between
/// groups a handle may be closed and reopened: Linux reports a write-back error not yet seen to
/// the next fsync of the file through any descriptor.
/// </remarks>
internal sealed class FileHandleCache(int capacity)
{
    private readonly object _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    // Most recently used first; every entry is in it.
    private readonly LinkedList<Entry> _recency = new();

    internal sealed class Entry(string path, SafeFileHandle handle)
    {
        public string Path { get; } = path;
        public SafeFileHandle Handle { get; } = handle;
        public int Renters;
        public bool Forgotten;
        public LinkedListNode<Entry>? Node;
    }

    /// <summary>Handles open now (for tests and figures).</summary>
    public int OpenCount
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>A handle on <paramref name="path"/> until the lease is disposed; throws StorageFailure when it cannot be opened.</summary>
    public Lease Rent(string path)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(path, out var entry))
            {
                SafeFileHandle handle;
                try
                {
                    // Opened under the lock: an open is microseconds, and two renters never open one file twice.
                    handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new StorageException(FluvioErrorCode.StorageFailure, $"Cannot open '{path}': {ex.Message}", ex);
                }
                entry = new Entry(path, handle) { Renters = 1 };
                _entries.Add(path, entry);
                entry.Node = _recency.AddFirst(entry);
                CloseIdleOverCapacity();
                return new Lease(this, entry);
            }
            _recency.Remove(entry.Node!);
            _recency.AddFirst(entry.Node!);
            entry.Renters++;
            return new Lease(this, entry);
        }
    }

    /// <summary>The file is gone (retention, topic deleted, store closed): close its handle once no one holds it.</summary>
    public void Forget(string path)
    {
        lock (_lock)
        {
            if (!_entries.Remove(path, out var entry))
            {
                return;
            }
            _recency.Remove(entry.Node!);
            entry.Forgotten = true;
            if (entry.Renters == 0)
            {
                entry.Handle.Dispose();
            }
        }
    }

    private void Return(Entry entry)
    {
        lock (_lock)
        {
            entry.Renters--;
            if (entry.Renters > 0)
            {
                return;
            }
            if (entry.Forgotten)
            {
                entry.Handle.Dispose();
            }
            else
            {
                CloseIdleOverCapacity();
            }
        }
    }

    private void CloseIdleOverCapacity()
    {
        var node = _recency.Last;
        while (_entries.Count > capacity && node is not null)
        {
            var previous = node.Previous;
            var entry = node.Value;
            if (entry.Renters == 0)
            {
                _recency.Remove(node);
                _entries.Remove(entry.Path);
                entry.Handle.Dispose();
            }
            node = previous;
        }
    }

    /// <summary>One rented handle; dispose it to give it back.</summary>
    public readonly struct Lease : IDisposable
    {
        private readonly FileHandleCache _cache;
        private readonly Entry _entry;

        internal Lease(FileHandleCache cache, Entry entry)
        {
            _cache = cache;
            _entry = entry;
        }

        public SafeFileHandle Handle => _entry.Handle;

        public void Dispose() => _cache.Return(_entry);
    }
}
