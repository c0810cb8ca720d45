using Fluvio.Protocol.Native;

namespace Fluvio.Client;

/// <summary>
/// The objects of one kind as a Watch stream reports them (wire protocol §4.6): a non-empty
/// snapshot replaces the store, changes update or delete by name. Readers see an immutable
/// dictionary, swapped whole.
/// </summary>
internal sealed class MetadataStore<TSpec, TStatus>
    where TSpec : IWireCodec<TSpec>
    where TStatus : IWireCodec<TStatus>
{
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile IReadOnlyDictionary<string, Metadata<TSpec, TStatus>> _objects = new Dictionary<string, Metadata<TSpec, TStatus>>();

    public IReadOnlyDictionary<string, Metadata<TSpec, TStatus>> Objects => _objects;

    /// <summary>Completes with the first frame of the watch (an empty cluster sends an empty one).</summary>
    public Task Synced => _synced.Task;

    public void Apply(MetadataUpdate<TSpec, TStatus> update)
    {
        if (update.All.Count > 0)
        {
            _objects = update.All.ToDictionary(o => o.Name);
        }
        else if (update.Changes.Count > 0)
        {
            var next = new Dictionary<string, Metadata<TSpec, TStatus>>(_objects);
            foreach (var (type, item) in update.Changes)
            {
                if (type == MessageType.Delete)
                {
                    next.Remove(item.Name);
                }
                else
                {
                    next[item.Name] = item;
                }
            }
            _objects = next;
        }
        _synced.TrySetResult();
    }

    /// <summary>Replaces the store with a listing (after a miss, to be sure a watch frame was not still on its way).</summary>
    public void Replace(IEnumerable<Metadata<TSpec, TStatus>> objects) => _objects = objects.ToDictionary(o => o.Name);
}
