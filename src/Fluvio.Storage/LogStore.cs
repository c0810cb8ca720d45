using System.Globalization;

namespace Fluvio.Storage;

/// <summary>
/// The durable partition logs of a single-node broker, under one data directory:
/// <code>
/// &lt;data&gt;/lock                      held open while a store uses the directory
/// &lt;data&gt;/clean-shutdown            written by DisposeAsync, deleted by Open
/// &lt;data&gt;/consumer-offsets/&lt;topic&gt;/&lt;SHA-256 of the consumer id&gt;.json
/// &lt;data&gt;/topics/&lt;topic&gt;/topic.json
/// &lt;data&gt;/topics/&lt;topic&gt;/&lt;partition&gt;/&lt;base offset, 20 digits&gt;.log|.index
/// &lt;data&gt;/.work/                    topics being created or deleted; emptied by Open
/// </code>
/// </summary>
public sealed class LogStore : IAsyncDisposable
{
    private const string TopicsFolder = "topics";
    private const string WorkFolder = ".work";
    private const string CleanMarkerFile = "clean-shutdown";
    private const string LockFileName = "lock";

    /// <summary>Partitions a clean shutdown closes at once: enough fsyncs in flight to keep a disk busy.</summary>
    private const int ClosingInParallel = 16;

    private readonly string _root;
    private readonly string _topicsRoot;
    private readonly string _workRoot;
    private readonly StorageOptions _options;
    private readonly object _adminLock = new();
    private readonly FileStream _lockFile;
    private readonly FileHandleCache _files;
    private PeriodicWork? _retentionTimer;
    private PeriodicWork? _flushTimer;
    // Copy-on-write: admin operations replace it under _adminLock, lookups read it lock-free.
    private volatile Dictionary<string, TopicState> _topics = new(StringComparer.Ordinal);
    // Topics whose folder exists but could not be opened; copy-on-write like _topics.
    private volatile Dictionary<string, FencedTopic> _fencedTopics = new(StringComparer.Ordinal);
    // Topics being created outside the admin lock, with their partition counts: a second create of
    // the same name fails at once, and the broker's partition limit counts them.
    private readonly Dictionary<string, int> _creating = new(StringComparer.Ordinal);
    // Taken before _adminLock (never after) by partition adds, one at a time, and by deletes, so a
    // topic is never deleted while partitions are being added to its folder.
    private readonly object _growLock = new();
    // Partitions being added outside the admin lock; the broker's partition limit counts them.
    private int _adding;
    private bool _disposed;

    private sealed record TopicState(TopicConfig Config, string Directory, PartitionLog[] Partitions);

    private sealed record FencedTopic(string Directory, string Reason);

    private LogStore(string root, StorageOptions options, FileStream lockFile)
    {
        _root = root;
        _topicsRoot = Path.Combine(root, TopicsFolder);
        _workRoot = Path.Combine(root, WorkFolder);
        _options = options;
        _lockFile = lockFile;
        _files = new FileHandleCache(options.MaxOpenFiles);
        ConsumerOffsets = new ConsumerOffsetStore(root, _workRoot, (topic, partition) => GetPartition(topic, partition), options);
    }

    public ConsumerOffsetStore ConsumerOffsets { get; }

    /// <summary>Segment files open now; at most <see cref="StorageOptions.MaxOpenFiles"/> plus those in use this moment.</summary>
    public int OpenSegmentFiles => _files.OpenCount;

    /// <summary>Opens (creating if needed) the store in <paramref name="dataDirectory"/> and recovers every partition.</summary>
    public static LogStore Open(string dataDirectory, StorageOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        string root = Path.GetFullPath(dataDirectory);
        FileStream lockFile;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, TopicsFolder));
            // FileShare.None: a second store (another broker process) on the same directory fails here.
            lockFile = new FileStream(Path.Combine(root, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(FluvioErrorCode.StorageFailure, $"Cannot open the data directory '{root}' (is another broker using it?): {ex.Message}", ex);
        }
        LogStore store;
        try
        {
            store = new LogStore(root, options, lockFile);
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
        try
        {
            store.Recover();
        }
        catch
        {
            store.Abandon();
            throw;
        }
        store._retentionTimer = new PeriodicWork("Retention", options.RetentionCheckInterval, () => store.EnforceRetention(DateTime.UtcNow), options.Log);
        if (options.FlushMode == FlushMode.Interval)
        {
            store._flushTimer = new PeriodicWork("Interval flush", options.FlushInterval, store.FlushAll, options.Log);
        }
        return store;
    }

    private void Recover()
    {
        try
        {
            string marker = Path.Combine(_root, CleanMarkerFile);
            bool clean = File.Exists(marker);
            if (clean)
            {
                // Gone (durably) before anything else: a crash from here on must not look clean.
                File.Delete(marker);
                DurableFile.SyncDirectory(_root);
            }
            TopicDirectory.TryDelete(_workRoot, _options.Log);
            foreach (string leftover in Directory.EnumerateFiles(_root, "*" + DurableFile.TempSuffix))
            {
                File.Delete(leftover);
            }
            _options.Log?.Invoke(clean ? $"Opening '{_root}' after a clean shutdown." : $"Opening '{_root}' after an unclean stop (or for the first time): checking every active segment.");
            var topics = new Dictionary<string, TopicState>(StringComparer.Ordinal);
            var fenced = new Dictionary<string, FencedTopic>(StringComparer.Ordinal);
            int partitionsOpen = 0;
            foreach (string directory in Directory.EnumerateDirectories(_topicsRoot))
            {
                string name = Path.GetFileName(directory);
                if (!TopicName.IsValid(name))
                {
                    _options.Log?.Invoke($"Ignoring '{directory}': not a valid topic name.");
                    continue;
                }
                try
                {
                    var state = OpenTopic(directory, name, clean, _options.MaxPartitions - partitionsOpen);
                    topics.Add(name, state);
                    partitionsOpen += state.Partitions.Length;
                }
                catch (Exception ex) when (ex is StorageException or IOException or UnauthorizedAccessException)
                {
                    // One topic that cannot be opened must never stop the broker (a crash on every
                    // restart): it is fenced with its reason and the others are served.
                    string reason = Bounded(ex.Message);
                    _options.Log?.Invoke($"Topic '{name}' is fenced: {reason} Other topics are served; repair its folder '{directory}' and restart, or delete the topic.");
                    fenced.Add(name, new FencedTopic(directory, reason));
                }
            }
            _topics = topics;
            _fencedTopics = fenced;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(FluvioErrorCode.StorageFailure, $"Cannot recover the data directory '{_root}': {ex.Message}", ex);
        }
    }

    /// <summary>Opens one topic's folder; throws (having closed whatever it opened) when it cannot.</summary>
    private TopicState OpenTopic(string directory, string name, bool clean, int partitionsLeft)
    {
        var config = TopicConfigFile.Read(directory);
        if (config.Name != name)
        {
            throw new StorageException(FluvioErrorCode.StorageFailure, $"its topic.json names topic '{Bounded(config.Name)}'.");
        }
        config.ValidateSettings();
        // A create makes every partition folder before the rename, so fewer folders than declared
        // partitions means a damaged topic.json; checked before anything is allocated per partition.
        int folders = Directory.EnumerateDirectories(directory).Count();
        if (folders < config.Partitions)
        {
            throw new StorageException(FluvioErrorCode.StorageFailure, $"its topic.json declares {config.Partitions} partitions but only {folders} partition folders exist.");
        }
        if (folders > config.Partitions)
        {
            // An add of partitions that crashed before topic.json took the new count.
            RemoveUncommittedPartitions(directory, config.Partitions);
        }
        // Checked before anything is opened: a lowered --max-partitions fences the topics past it
        // (in folder order) instead of stopping the broker.
        if (config.Partitions > partitionsLeft)
        {
            throw new StorageException(FluvioErrorCode.StorageFailure,
                $"its {config.Partitions} partitions do not fit the {Math.Max(0, partitionsLeft)} left of the broker's {_options.MaxPartitions} (--max-partitions).");
        }
        return new TopicState(config, directory, OpenPartitions(config, directory, clean));
    }

    /// <summary>Opens every partition, or none: on a failure the ones already open are closed again.</summary>
    private PartitionLog[] OpenPartitions(TopicConfig config, string directory, bool clean)
    {
        var partitions = new PartitionLog[config.Partitions];
        int opened = 0;
        try
        {
            for (; opened < partitions.Length; opened++)
            {
                string partitionDirectory = Path.Combine(directory, opened.ToString(CultureInfo.InvariantCulture));
                partitions[opened] = new PartitionLog(config.Name, opened, partitionDirectory, config, _options, _files, clean);
            }
            return partitions;
        }
        catch (Exception ex) when (ex is StorageException or IOException or UnauthorizedAccessException)
        {
            for (int p = 0; p < opened; p++)
            {
                partitions[p].CloseAsync(FluvioErrorCode.StorageFailure, "The topic could not be opened.", writeIndex: false).GetAwaiter().GetResult();
            }
            throw new StorageException(FluvioErrorCode.StorageFailure, $"Cannot open partition {opened} of topic '{config.Name}': {Bounded(ex.Message)}", ex);
        }
    }

    /// <summary>Messages from files and the OS go into our own; keep them short.</summary>
    private static string Bounded(string message) => message.Length <= 300 ? message : string.Concat(message.AsSpan(0, 300), "…");

    /// <summary>
    /// Creates a topic: the name is checked before any path is built, then the directories and
    /// <c>topic.json</c> are made in a work folder and renamed into place, so a crash never leaves
    /// half a topic. A default <see cref="TopicConfig.CreatedAt"/> becomes now. With
    /// <paramref name="dryRun"/> every check runs and nothing is created.
    /// </summary>
    public TopicConfig CreateTopic(TopicConfig config, bool dryRun = false)
    {
        ArgumentNullException.ThrowIfNull(config);
        TopicName.Validate(config.Name);
        config.ValidateSettings();
        if (config.CreatedAt == default)
        {
            config = config with { CreatedAt = DateTimeOffset.UtcNow };
        }
        lock (_adminLock)
        {
            ThrowIfDisposed();
            if (_topics.ContainsKey(config.Name) || _creating.ContainsKey(config.Name))
            {
                throw new StorageException(FluvioErrorCode.TopicExists, $"Topic '{config.Name}' already exists.");
            }
            ThrowIfFenced(config.Name);
            int held = PartitionsHeld();
            if (config.Partitions > _options.MaxPartitions - held)
            {
                throw new StorageException(FluvioErrorCode.InvalidArgument,
                    $"partitions: the broker holds {held} of its {_options.MaxPartitions} partitions, so a topic of {config.Partitions} does not fit (--max-partitions raises the limit).");
            }
            if (dryRun)
            {
                return config;
            }
            _creating.Add(config.Name, config.Partitions);
        }
        // The long part (a folder and a file per partition) runs outside the admin lock, so one
        // large create does not hold up the creates, deletes and lookups of other topics.
        TopicState? state = null;
        try
        {
            string directory = TopicDirectory.Create(_topicsRoot, _workRoot, config, _options.Log);
            try
            {
                state = new TopicState(config, directory, OpenPartitions(config, directory, clean: true));
            }
            catch (StorageException)
            {
                // Made but not openable (e.g. out of descriptors): take it away again, never leave half a topic.
                TopicDirectory.Remove(directory, _topicsRoot, _workRoot, _options.Log);
                throw;
            }
            lock (_adminLock)
            {
                ThrowIfDisposed();
                _topics = new Dictionary<string, TopicState>(_topics, StringComparer.Ordinal) { [config.Name] = state };
            }
            return config;
        }
        catch (StorageException) when (state is not null)
        {
            // The store closed while the topic was being made: close what was opened.
            foreach (var partition in state.Partitions)
            {
                partition.CloseAsync(FluvioErrorCode.StorageFailure, "The log store is closed.", writeIndex: true).GetAwaiter().GetResult();
            }
            throw;
        }
        finally
        {
            lock (_adminLock)
            {
                _creating.Remove(config.Name);
            }
        }
    }

    /// <summary>Partitions of the open topics and of those being created; call under the admin lock.</summary>
    private int PartitionsHeld() => _topics.Values.Sum(t => t.Partitions.Length) + _creating.Values.Sum() + _adding;

    /// <summary>
    /// Adds <paramref name="count"/> partitions to a topic (Fluvio's add-partition), numbered after
    /// the existing ones. Within the broker's limit and <paramref name="maxPartitionsPerTopic"/>,
    /// both checked under the admin lock; the folders and logs are made outside it. Durable in
    /// one step: the new (empty) partition folders are made first, then <c>topic.json</c> is
    /// replaced atomically with the new count. A crash before that leaves the topic as it was;
    /// the folders past its count are removed when the store opens.
    /// </summary>
    public TopicConfig AddPartitions(string name, int count, int maxPartitionsPerTopic)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (count < 1)
        {
            throw new StorageException(FluvioErrorCode.InvalidArgument, $"count: at least 1 partition must be added, {count} given.");
        }
        lock (_growLock)
        {
            TopicState state;
            TopicConfig grown;
            lock (_adminLock)
            {
                ThrowIfDisposed();
                state = Find(name);
                int current = state.Partitions.Length;
                if (count > maxPartitionsPerTopic - current)
                {
                    throw new StorageException(FluvioErrorCode.InvalidArgument,
                        $"count: topic '{name}' has {current} partitions, so {count} more would pass the {maxPartitionsPerTopic} a topic may have (--max-partitions-per-topic).");
                }
                int held = PartitionsHeld();
                if (count > _options.MaxPartitions - held)
                {
                    throw new StorageException(FluvioErrorCode.InvalidArgument,
                        $"count: the broker holds {held} of its {_options.MaxPartitions} partitions, so {count} more do not fit (--max-partitions raises the limit).");
                }
                grown = state.Config with { Partitions = current + count };
                _adding = count;
            }
            try
            {
                var added = OpenAddedPartitions(state, grown);
                lock (_adminLock)
                {
                    if (_disposed)
                    {
                        // topic.json already says the new count: the next open serves them.
                        foreach (var partition in added)
                        {
                            partition.CloseAsync(FluvioErrorCode.StorageFailure, "The log store is closed.", writeIndex: true).GetAwaiter().GetResult();
                        }
                        ThrowIfDisposed();
                    }
                    var next = state with { Config = grown, Partitions = [.. state.Partitions, .. added] };
                    _topics = new Dictionary<string, TopicState>(_topics, StringComparer.Ordinal) { [name] = next };
                }
                return grown;
            }
            finally
            {
                lock (_adminLock)
                {
                    _adding = 0;
                }
            }
        }
    }

    /// <summary>
    /// Makes and opens the new partitions' folders, then commits <paramref name="grown"/> to
    /// <c>topic.json</c>; on any failure closes and removes what it made and leaves the file as it was.
    /// </summary>
    private PartitionLog[] OpenAddedPartitions(TopicState state, TopicConfig grown)
    {
        int first = state.Partitions.Length;
        var added = new List<PartitionLog>(grown.Partitions - first);
        try
        {
            for (int p = first; p < grown.Partitions; p++)
            {
                string directory = Path.Combine(state.Directory, p.ToString(CultureInfo.InvariantCulture));
                // Left by an add that did not finish: past the topic's count, so nothing in it was ever served.
                TopicDirectory.TryDelete(directory, _options.Log);
                Directory.CreateDirectory(directory);
            }
            DurableFile.SyncDirectory(state.Directory);
            for (int p = first; p < grown.Partitions; p++)
            {
                string directory = Path.Combine(state.Directory, p.ToString(CultureInfo.InvariantCulture));
                added.Add(new PartitionLog(grown.Name, p, directory, grown, _options, _files, clean: true));
            }
            TopicConfigFile.Write(state.Directory, grown);
            return [.. added];
        }
        catch (Exception ex) when (ex is StorageException or IOException or UnauthorizedAccessException)
        {
            foreach (var partition in added)
            {
                partition.CloseAsync(FluvioErrorCode.StorageFailure, "The partition could not be added.", writeIndex: false).GetAwaiter().GetResult();
            }
            RemoveUncommittedPartitions(state.Directory, first);
            throw new StorageException(FluvioErrorCode.StorageFailure, $"Cannot add partitions to topic '{grown.Name}': {Bounded(ex.Message)}", ex);
        }
    }

    /// <summary>Removes the partition folders numbered <paramref name="count"/> and up (an add that did not commit); best effort.</summary>
    private void RemoveUncommittedPartitions(string topicDirectory, int count)
    {
        foreach (string folder in Directory.EnumerateDirectories(topicDirectory))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index >= count)
            {
                _options.Log?.Invoke($"Removing '{folder}': a partition past the topic's {count}, left by an add that did not finish.");
                TopicDirectory.TryDelete(folder, _options.Log);
            }
        }
    }

    /// <summary>Topics that could not be opened, each with why (their calls fail with it).</summary>
    public IReadOnlyDictionary<string, string> FencedTopics => _fencedTopics.ToDictionary(t => t.Key, t => t.Value.Reason, StringComparer.Ordinal);

    /// <summary>
    /// Deletes a topic, its files and its consumer offsets. Appends already queued finish first;
    /// later calls on its partitions fail with <see cref="FluvioErrorCode.TopicNotFound"/>.
    /// </summary>
    public void DeleteTopic(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_growLock)
        lock (_adminLock)
        {
            ThrowIfDisposed();
            if (_fencedTopics.TryGetValue(name, out var fencedTopic))
            {
                // Deleting is the operator's way out of a topic that cannot be opened.
                TopicDirectory.Remove(fencedTopic.Directory, _topicsRoot, _workRoot, _options.Log);
                var remaining = new Dictionary<string, FencedTopic>(_fencedTopics, StringComparer.Ordinal);
                remaining.Remove(name);
                _fencedTopics = remaining;
                ConsumerOffsets.DeleteTopic(name);
                return;
            }
            var state = Find(name);
            var topics = new Dictionary<string, TopicState>(_topics, StringComparer.Ordinal);
            topics.Remove(name);
            _topics = topics;
            foreach (var partition in state.Partitions)
            {
                partition.CloseAsync(FluvioErrorCode.TopicNotFound, $"Topic '{name}' was deleted.", writeIndex: false).GetAwaiter().GetResult();
            }
            try
            {
                TopicDirectory.Remove(state.Directory, _topicsRoot, _workRoot, _options.Log);
            }
            finally
            {
                ConsumerOffsets.DeleteTopic(name);
            }
        }
    }

    /// <summary>Every topic, sorted by name.</summary>
    public IReadOnlyList<TopicConfig> ListTopics()
    {
        var topics = _topics;
        var result = new List<TopicConfig>(topics.Count);
        foreach (var state in topics.Values)
        {
            result.Add(state.Config);
        }
        result.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result;
    }

    public TopicConfig GetTopic(string name) => Find(name).Config;

    public PartitionLog GetPartition(string topic, int partition)
    {
        var partitions = Find(topic).Partitions;
        if ((uint)partition >= (uint)partitions.Length)
        {
            throw new StorageException(
                FluvioErrorCode.PartitionNotFound,
                $"Topic '{topic}' has no partition {partition}; it has {partitions.Length} (0 to {partitions.Length - 1}).");
        }
        return partitions[partition];
    }

    /// <summary>
    /// Clean shutdown: stops the timers, lets every queued append finish (and fsync), writes the
    /// active indexes, then the clean-shutdown marker, which lets the next open skip CRC scans.
    /// No marker is written if any partition was fenced or failed.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        var topics = BeginShutdown();
        if (topics is null)
        {
            return;
        }
        await StopTimersAsync().ConfigureAwait(false);
        // Partitions close side by side: each ends with an fsync (its index, and in Interval mode
        // its log), and one after another 10,000 of them took longer than a stop may.
        int unclean = 0;
        await Parallel.ForEachAsync(
            topics.Values.SelectMany(state => state.Partitions),
            new ParallelOptions { MaxDegreeOfParallelism = ClosingInParallel },
            async (partition, _) =>
            {
                if (!await partition.CloseAsync(FluvioErrorCode.StorageFailure, "The log store is closed.", writeIndex: true).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref unclean);
                }
            }).ConfigureAwait(false);
        if (unclean == 0)
        {
            try
            {
                DurableFile.WriteAtomic(Path.Combine(_root, CleanMarkerFile), "clean\n"u8);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _options.Log?.Invoke($"Could not write the clean-shutdown marker; the next open will scan: {ex.Message}");
            }
        }
        _lockFile.Dispose();
    }

    /// <summary>Test hook: stops like a crashed process (no indexes, no marker; written bytes stay).</summary>
    internal void Abandon()
    {
        var topics = BeginShutdown() ?? _topics;
        StopTimersAsync().AsTask().GetAwaiter().GetResult();
        foreach (var state in topics.Values)
        {
            foreach (var partition in state.Partitions)
            {
                partition.CloseAsync(FluvioErrorCode.StorageFailure, "The log store was abandoned.", writeIndex: false).GetAwaiter().GetResult();
            }
        }
        _lockFile.Dispose();
    }

    /// <summary>Runs one retention pass now (the timer calls this too).</summary>
    internal void EnforceRetention(DateTime utcNow)
    {
        foreach (var state in _topics.Values)
        {
            foreach (var partition in state.Partitions)
            {
                try
                {
                    partition.EnforceRetention(utcNow);
                }
                catch (Exception ex)
                {
                    _options.Log?.Invoke($"Retention of {partition.Label} failed: {ex.Message}");
                }
            }
        }
    }

    /// <summary>Interval mode: fsyncs every partition written since the last flush.</summary>
    internal void FlushAll()
    {
        foreach (var state in _topics.Values)
        {
            foreach (var partition in state.Partitions)
            {
                partition.FlushIfDirty();
            }
        }
    }

    private Dictionary<string, TopicState>? BeginShutdown()
    {
        lock (_adminLock)
        {
            if (_disposed)
            {
                return null;
            }
            _disposed = true;
            return _topics;
        }
    }

    private async ValueTask StopTimersAsync()
    {
        // DisposeAsync waits for a callback in progress, so no flush or retention runs after this.
        if (_retentionTimer is not null)
        {
            await _retentionTimer.DisposeAsync().ConfigureAwait(false);
        }
        if (_flushTimer is not null)
        {
            await _flushTimer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private TopicState Find(string name)
    {
        if (name is not null && _topics.TryGetValue(name, out var state))
        {
            return state;
        }
        ThrowIfFenced(name);
        throw new StorageException(FluvioErrorCode.TopicNotFound, $"Topic '{TopicName.Quote(name)}' does not exist.");
    }

    private void ThrowIfFenced(string? name)
    {
        if (name is not null && _fencedTopics.TryGetValue(name, out var fenced))
        {
            throw new StorageException(
                FluvioErrorCode.StorageFailure,
                $"Topic '{name}' is fenced because it could not be opened: {fenced.Reason} Other topics are unaffected; repair its folder and restart, or delete the topic.");
        }
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new StorageException(FluvioErrorCode.StorageFailure, "The log store is closed.");
        }
    }
}
