using System.Collections.Concurrent;

namespace Fluvio.Client;

/// <summary>
/// The native protocol commits a consumer's offset only through a stream opened with its name
/// (UpdateConsumerOffset carries the stream's id). This remembers, per consumer and partition,
/// the latest such stream and its connection; the server keeps a stream while its connection
/// lives, so a commit after the reading ended still has one.
/// </summary>
internal sealed class ConsumerStreams
{
    private readonly ConcurrentDictionary<(string Consumer, string Topic, int Partition), (NativeSocket Socket, uint StreamId)> _streams = new();

    public void Remember(string consumer, string topic, int partition, NativeSocket socket, uint streamId) =>
        _streams[(consumer, topic, partition)] = (socket, streamId);

    public bool TryFind(string consumer, string topic, int partition, out NativeSocket socket, out uint streamId)
    {
        if (_streams.TryGetValue((consumer, topic, partition), out var found) && !found.Socket.IsClosed)
        {
            (socket, streamId) = found;
            return true;
        }
        (socket, streamId) = (null!, 0);
        return false;
    }
}
