using Fluvio.Protocol.Native;
using Fluvio.Storage;

namespace Fluvio.Broker.Native;

/// <summary>
/// Keeps every Watch stream in step with the topics in storage. A new watcher gets a full
/// snapshot of its kind; after that each change of the topic set is pushed as UPDATE or DELETE
/// changes (clients ignore an empty snapshot, so a delete must be a DELETE change).
/// </summary>
/// <remarks>
/// Changes are found by comparing storage with the last published state: right after each
/// native create or delete, and once a second while anyone watches, because topics created or
/// deleted through the gRPC door have no change feed of their own.
/// </remarks>
internal sealed class MetadataHub : IAsyncDisposable
{
    private static readonly TimeSpan ReconcileInterval = TimeSpan.FromSeconds(1);

    private readonly ClusterMetadata _cluster;
    private readonly Action<string> _log;
    private readonly object _lock = new();
    private readonly List<MetadataWatcher> _watchers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _reconciler;
    private Dictionary<string, TopicConfig> _published = new(StringComparer.Ordinal);
    private long _epoch;

    public MetadataHub(ClusterMetadata cluster, Action<string> log)
    {
        _cluster = cluster;
        _log = log;
        lock (_lock)
        {
            _published = Current();
        }
        _reconciler = ReconcileLoopAsync();
    }

    /// <summary>Registers a watch stream and queues its full snapshot (an empty one for kinds this node has none of).</summary>
    public void Watch(NativeConnection connection, int correlationId, short version, string label)
    {
        lock (_lock)
        {
            PublishLocked(origin: null);
            var watcher = new MetadataWatcher(connection, correlationId, version, label, _log);
            _watchers.Add(watcher);
            var all = _cluster.All(label, _published.Values.OrderBy(t => t.Name, StringComparer.Ordinal));
            watcher.Enqueue(Frame(watcher, [], all));
        }
    }

    /// <summary>
    /// Pushes whatever changed in storage since the last push. The task completes once the
    /// frames for <paramref name="origin"/>'s own watchers are written, so a client that created a
    /// topic knows of it before it sees the create succeed.
    /// </summary>
    public Task PublishChangesAsync(NativeConnection? origin)
    {
        lock (_lock)
        {
            return PublishLocked(origin);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        await _reconciler.ConfigureAwait(false);
    }

    private Task PublishLocked(NativeConnection? origin)
    {
        _watchers.RemoveAll(w => w.IsClosed);
        var current = Current();
        var changes = Diff(_published, current);
        _published = current;
        if (changes.Count == 0)
        {
            return Task.CompletedTask;
        }
        _epoch++;
        var sent = new List<Task>();
        foreach (var watcher in _watchers)
        {
            var mine = changes.Where(c => c.Label == watcher.Label).Select(c => (c.Type, c.Object)).ToList();
            if (mine.Count == 0)
            {
                continue;
            }
            TaskCompletionSource? done = watcher.Connection == origin ? new(TaskCreationOptions.RunContinuationsAsynchronously) : null;
            watcher.Enqueue(Frame(watcher, mine, []), done);
            if (done is not null)
            {
                sent.Add(done.Task);
            }
        }
        return Task.WhenAll(sent);
    }

    /// <summary>UPDATE for new or changed topics (and all their partitions), DELETE for the ones gone.</summary>
    private List<(string Label, MessageType Type, MetadataObject Object)> Diff(Dictionary<string, TopicConfig> before, Dictionary<string, TopicConfig> after)
    {
        var changes = new List<(string, MessageType, MetadataObject)>();
        foreach (var (name, config) in after.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (before.TryGetValue(name, out var old) && old == config)
            {
                continue;
            }
            changes.Add((ObjectLabel.Topic, MessageType.Update, _cluster.Topic(config)));
            changes.AddRange(_cluster.Partitions(config).Select(p => (ObjectLabel.Partition, MessageType.Update, p)));
            // A topic re-created with fewer partitions loses the rest.
            for (int p = config.Partitions; old is not null && p < old.Partitions; p++)
            {
                changes.Add((ObjectLabel.Partition, MessageType.Delete, _cluster.Partition(old, p)));
            }
        }
        foreach (var (name, old) in before.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (!after.ContainsKey(name))
            {
                changes.Add((ObjectLabel.Topic, MessageType.Delete, _cluster.Topic(old)));
                changes.AddRange(_cluster.Partitions(old).Select(p => (ObjectLabel.Partition, MessageType.Delete, p)));
            }
        }
        return changes;
    }

    private byte[] Frame(MetadataWatcher watcher, IReadOnlyList<(MessageType Type, MetadataObject Object)> changes, IReadOnlyList<MetadataObject> all)
    {
        long epoch = _epoch;
        short version = watcher.Version;
        return NativeFrame.Response(watcher.CorrelationId, w => ObjectEnvelope.Write(w, watcher.Label, body =>
        {
            // MetadataUpdate: epoch, changes (type, object), all.
            body.I64(epoch);
            body.List(changes, (cw, change) =>
            {
                cw.U8((byte)change.Type);
                change.Object.Encode(cw, version);
            });
            body.List(all, (aw, item) => item.Encode(aw, version));
        }));
    }

    private Dictionary<string, TopicConfig> Current() =>
        _cluster.Core.ListTopics().ToDictionary(t => t.Name, StringComparer.Ordinal);

    private async Task ReconcileLoopAsync()
    {
        using var timer = new PeriodicTimer(ReconcileInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    bool watched;
                    lock (_lock)
                    {
                        watched = _watchers.Count > 0;
                    }
                    if (watched)
                    {
                        _ = PublishChangesAsync(origin: null);
                    }
                }
                catch (Exception e) when (e is StorageException or IOException)
                {
                    _log($"Metadata reconcile failed: {e.Message}");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
