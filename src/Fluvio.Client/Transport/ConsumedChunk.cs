namespace Fluvio.Client;

/// <summary>
/// One step of a partition stream: batches as the broker stored them, and where the stream
/// stands. The first chunk of a stream says where it starts and stops (stop −1: it runs on);
/// later ones need not repeat it.
/// </summary>
internal sealed record ConsumedChunk(long StartOffset, long StopOffset, long EndOffset, long LogStart, ReadOnlyMemory<byte> Batches);
