using System.Collections.Concurrent;

namespace Fluvio.Broker.Native;

/// <summary>
/// The stream fetches of one SPU connection, by stream id (1, 2, 3… per connection, as the real
/// SPU numbers them). UpdateOffsets and UpdateConsumerOffset name a stream by this id.
/// </summary>
internal sealed class SpuStreams
{
    /// <summary>Open streams one connection may hold: far above a consumer's needs, far below what would hurt.</summary>
    public const int MaxStreams = 1024;

    private readonly ConcurrentDictionary<uint, StreamFetchSession> _sessions = new();
    private int _lastId;

    public bool Any => !_sessions.IsEmpty;

    public uint NextId() => (uint)Interlocked.Increment(ref _lastId);

    public void Add(StreamFetchSession session)
    {
        if (_sessions.Count >= MaxStreams)
        {
            throw new NativeProtocolException($"More than {MaxStreams} open stream fetches on one connection.");
        }
        _sessions[session.StreamId] = session;
    }

    public void Remove(StreamFetchSession session) => _sessions.TryRemove(session.StreamId, out _);

    public StreamFetchSession? Find(uint streamId) => _sessions.TryGetValue(streamId, out var session) ? session : null;
}
