using System.Diagnostics.CodeAnalysis;

namespace Fluvio.Storage;

/// <summary>A consumer's committed position in one partition: the next offset it will read.</summary>
public sealed record ConsumerOffset(string Consumer, string Topic, int Partition, long Offset, DateTimeOffset Modified);

/// <summary>
/// Consumer offsets, kept in memory and persisted one small file per consumer and topic
/// (<see cref="ConsumerOffsetFiles"/>). A commit rewrites only its own consumer's file
/// atomically (temp file, fsync, rename, fsync directory) before it returns, so a committed
/// offset survives a crash, and its cost does not grow with the number of consumers. Commits of
/// different consumers do not wait for each other's fsync.
/// </summary>
public sealed class ConsumerOffsetStore
{
    private readonly object _lock = new();
    // Under _lock: one entry per consumer and topic, and how many consumers each topic has.
    private readonly Dictionary<(string Topic, string Consumer), ConsumerFile> _consumers = [];
    private readonly Dictionary<string, int> _consumersPerTopic = new(StringComparer.Ordinal);
    private readonly ConsumerOffsetFiles _files;
    private readonly Action<string, int> _checkPartition;
    private readonly int _maxConsumerIdBytes;
    private readonly int _maxConsumersPerTopic;

    /// <summary>One consumer's offsets in one topic; its lock serializes the writes of its file.</summary>
    private sealed class ConsumerFile
    {
        // Replaced whole (copy-on-write) under the entry's lock, after the file is written.
        public volatile Dictionary<int, ConsumerOffset> Offsets = [];
        public bool Removed;
    }

    /// <param name="checkPartition">Throws TopicNotFound / PartitionNotFound for a partition that does not exist.</param>
    internal ConsumerOffsetStore(string dataDirectory, string workRoot, Action<string, int> checkPartition, StorageOptions options)
    {
        _files = new ConsumerOffsetFiles(dataDirectory, workRoot, options.Log);
        _checkPartition = checkPartition;
        _maxConsumerIdBytes = options.MaxConsumerIdBytes;
        _maxConsumersPerTopic = options.MaxConsumersPerTopic;
        foreach (var offset in _files.ReadAll())
        {
            var file = GetOrAdd(offset.Topic, offset.Consumer, enforceLimit: false);
            file.Offsets[offset.Partition] = offset;
        }
    }

    /// <summary>Records <paramref name="offset"/> for the consumer and partition, durably.</summary>
    public ConsumerOffset Commit(string consumer, string topic, int partition, long offset)
    {
        CheckConsumer(consumer);
        if (offset < 0)
        {
            throw new StorageException(FluvioErrorCode.InvalidArgument, $"A consumer offset cannot be negative, {offset} given.");
        }
        _checkPartition(topic, partition);
        var entry = new ConsumerOffset(consumer, topic, partition, offset, DateTimeOffset.UtcNow);
        ConsumerFile file;
        lock (_lock)
        {
            file = GetOrAdd(topic, consumer, enforceLimit: true);
        }
        lock (file)
        {
            try
            {
                if (file.Removed)
                {
                    throw new StorageException(FluvioErrorCode.TopicNotFound, $"Topic '{topic}' was deleted.");
                }
                var offsets = new Dictionary<int, ConsumerOffset>(file.Offsets) { [partition] = entry };
                _files.Write(topic, consumer, offsets.Values);
                file.Offsets = offsets;
            }
            finally
            {
                RemoveIfEmpty(topic, consumer, file);
            }
        }
        return entry;
    }

    public bool TryGet(string consumer, string topic, int partition, [NotNullWhen(true)] out ConsumerOffset? offset)
    {
        ConsumerFile? file;
        lock (_lock)
        {
            _consumers.TryGetValue((topic, consumer), out file);
        }
        offset = null;
        return file is not null && file.Offsets.TryGetValue(partition, out offset);
    }

    /// <summary>Like <see cref="TryGet"/>, but throws <see cref="FluvioErrorCode.ConsumerOffsetNotFound"/>.</summary>
    public ConsumerOffset Get(string consumer, string topic, int partition) =>
        TryGet(consumer, topic, partition, out var offset)
            ? offset
            : throw new StorageException(
                FluvioErrorCode.ConsumerOffsetNotFound,
                $"Consumer '{consumer}' has no committed offset for partition {topic}-{partition}.");

    /// <summary>Offsets matching the filters (null = any), sorted by consumer, topic, partition.</summary>
    public IReadOnlyList<ConsumerOffset> List(string? consumer = null, string? topic = null)
    {
        var result = new List<ConsumerOffset>();
        foreach (var (key, file) in Snapshot())
        {
            if ((consumer is null || key.Consumer == consumer) && (topic is null || key.Topic == topic))
            {
                result.AddRange(file.Offsets.Values);
            }
        }
        result.Sort(Compare);
        return result;
    }

    /// <summary>
    /// Deletes the consumer's offsets, optionally only for one topic or one partition of it;
    /// returns what was deleted (empty when nothing matched).
    /// </summary>
    public IReadOnlyList<ConsumerOffset> Delete(string consumer, string? topic = null, int? partition = null)
    {
        CheckConsumer(consumer);
        if (partition is not null && topic is null)
        {
            throw new StorageException(FluvioErrorCode.InvalidArgument, "A partition can only be given together with its topic.");
        }
        var removed = new List<ConsumerOffset>();
        foreach (var (key, file) in Snapshot())
        {
            if (key.Consumer != consumer || (topic is not null && key.Topic != topic))
            {
                continue;
            }
            lock (file)
            {
                var offsets = file.Offsets;
                var kept = partition is null ? new Dictionary<int, ConsumerOffset>() : new Dictionary<int, ConsumerOffset>(offsets);
                if (file.Removed || (partition is not null && !kept.Remove(partition.Value)))
                {
                    continue;
                }
                try
                {
                    _files.Write(key.Topic, key.Consumer, kept.Values);
                    removed.AddRange(partition is null ? offsets.Values : [offsets[partition.Value]]);
                    file.Offsets = kept;
                }
                finally
                {
                    RemoveIfEmpty(key.Topic, key.Consumer, file);
                }
            }
        }
        removed.Sort(Compare);
        return removed;
    }

    /// <summary>Called when a topic is deleted: its offsets go with it.</summary>
    internal void DeleteTopic(string topic)
    {
        var files = new List<ConsumerFile>();
        lock (_lock)
        {
            foreach (var (key, file) in _consumers.Where(c => c.Key.Topic == topic).ToList())
            {
                files.Add(file);
                _consumers.Remove(key);
            }
            _consumersPerTopic.Remove(topic);
        }
        foreach (var file in files)
        {
            lock (file)
            {
                file.Removed = true; // a commit still in flight now fails instead of writing the file again
            }
        }
        _files.DeleteTopic(topic);
    }

    private ConsumerFile GetOrAdd(string topic, string consumer, bool enforceLimit)
    {
        if (_consumers.TryGetValue((topic, consumer), out var file))
        {
            return file;
        }
        int count = _consumersPerTopic.GetValueOrDefault(topic);
        if (enforceLimit && count >= _maxConsumersPerTopic)
        {
            throw new StorageException(
                FluvioErrorCode.InvalidArgument,
                $"Topic '{topic}' already has {count} consumers with committed offsets, the limit (consumers per topic); delete the offsets of unused consumers first.");
        }
        file = new ConsumerFile();
        _consumers.Add((topic, consumer), file);
        _consumersPerTopic[topic] = count + 1;
        return file;
    }

    /// <summary>Forgets a consumer with no offsets left (a failed first commit, or all deleted), so it does not count.</summary>
    private void RemoveIfEmpty(string topic, string consumer, ConsumerFile file)
    {
        if (file.Offsets.Count > 0 || file.Removed)
        {
            return;
        }
        lock (_lock)
        {
            if (_consumers.TryGetValue((topic, consumer), out var current) && current == file)
            {
                _consumers.Remove((topic, consumer));
                if (--_consumersPerTopic[topic] == 0)
                {
                    _consumersPerTopic.Remove(topic);
                }
            }
        }
    }

    private List<KeyValuePair<(string Topic, string Consumer), ConsumerFile>> Snapshot()
    {
        lock (_lock)
        {
            return [.. _consumers];
        }
    }

    private void CheckConsumer(string consumer)
    {
        if (string.IsNullOrEmpty(consumer))
        {
            throw new StorageException(FluvioErrorCode.InvalidArgument, "A consumer id must not be empty.");
        }
        // Counted without encoding: a 20 MB id is refused without another 20 MB copy.
        int bytes = consumer.Length > _maxConsumerIdBytes ? consumer.Length : System.Text.Encoding.UTF8.GetByteCount(consumer);
        if (bytes > _maxConsumerIdBytes)
        {
            throw new StorageException(
                FluvioErrorCode.InvalidArgument,
                $"The consumer id is too long: at least {bytes} bytes, the limit is {_maxConsumerIdBytes} bytes (UTF-8).");
        }
    }

    private static int Compare(ConsumerOffset a, ConsumerOffset b)
    {
        int c = string.CompareOrdinal(a.Consumer, b.Consumer);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.Topic, b.Topic);
        }
        return c != 0 ? c : a.Partition.CompareTo(b.Partition);
    }
}
