namespace Fluvio.Client;

/// <summary>
/// One step of a partition stream: batches as the broker stored them, and where the stream
/// stands. The first chunk of a stream says where it starts and stops (stop −1: it runs on);
/// later ones need not repeat it. With SmartModules a chunk may carry fewer records than it
/// covers: <see cref="NextOffset"/> then says where the next one starts (0: after its last
/// batch; -1: nowhere, the chunk ends in a failure).
/// </summary>
internal sealed record ConsumedChunk(long StartOffset, long StopOffset, long EndOffset, long LogStart, ReadOnlyMemory<byte> Batches, long NextOffset = 0);
