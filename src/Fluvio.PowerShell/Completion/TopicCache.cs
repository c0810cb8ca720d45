using System.Collections.Concurrent;

namespace Fluvio.PowerShell;

/// <summary>
/// Topic names per broker, for tab completion. Every topic listing refreshes it; completion
/// reads it and, when stale, refreshes it in the background, so a TAB never waits on the network.
/// </summary>
internal static class TopicCache
{
    private static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(30);
    private static readonly ConcurrentDictionary<Uri, Entry> Entries = new();

    private sealed record Entry(IReadOnlyList<string> Names, DateTime Stored, Task? Refresh);

    public static void Store(Uri endpoint, IEnumerable<string> names) =>
        Entries[endpoint] = new Entry(names.ToArray(), DateTime.UtcNow, null);

    /// <summary>After a create or delete: the next completion fetches afresh rather than offer stale names.</summary>
    public static void Invalidate(Uri endpoint) => Entries.TryRemove(endpoint, out _);

    /// <summary>The cached names; starts a background refresh when they are missing or stale.</summary>
    public static IReadOnlyList<string> Names(Uri endpoint, Func<Task<IReadOnlyList<string>>> fetch)
    {
        var entry = Entries.GetOrAdd(endpoint, _ => new Entry([], DateTime.MinValue, null));
        if (DateTime.UtcNow - entry.Stored > FreshFor && entry.Refresh is not { IsCompleted: false })
        {
            var refresh = Task.Run(async () =>
            {
                try
                {
                    Store(endpoint, await fetch().ConfigureAwait(false));
                }
                catch (Exception)
                {
                    // Completion is a convenience: an unreachable broker just completes nothing.
                }
            });
            Entries[endpoint] = entry with { Refresh = refresh };
            // The very first completion may wait a moment for the first answer, never long.
            if (entry.Names.Count == 0)
            {
                refresh.Wait(TimeSpan.FromMilliseconds(500));
                return Entries[endpoint].Names;
            }
        }
        return entry.Names;
    }
}
