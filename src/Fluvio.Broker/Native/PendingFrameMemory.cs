using System.Buffers;
using Fluvio.Broker.Core;

namespace Fluvio.Broker.Native;

/// <summary>
/// The memory incomplete request frames are received into, past their first chunk: fixed-size
/// chunks from a pool of the broker's own, each charged to one budget before it is rented and
/// given back (to the pool and the budget) when its frame completes or its connection closes.
/// </summary>
/// <remarks>
/// Chunks, not a buffer that doubles: a doubling buffer leaves its old copies to the collector,
/// so repeated attacks grew the heap round after round (455, 786, 850 MiB for three rounds of
/// 40 connections sending 33 of a declared 64 MiB, under a 256 MiB budget). A pooled chunk is
/// reused by the next frame, and the pool keeps no more chunks than the budget allows.
/// </remarks>
internal sealed class PendingFrameMemory
{
    public const int ChunkBytes = 1024 * 1024;

    private readonly ByteBudget _budget;
    private readonly ArrayPool<byte> _chunks;

    public PendingFrameMemory(long maxBytes)
    {
        _budget = new ByteBudget(maxBytes);
        _chunks = ArrayPool<byte>.Create(ChunkBytes, (int)Math.Clamp(maxBytes / ChunkBytes, 1, 65536));
    }

    public long Used => _budget.Used;

    /// <summary>A chunk of <see cref="ChunkBytes"/>, once the budget has room for it (waiting, unread, until it has).</summary>
    public async ValueTask<byte[]> RentAsync(CancellationToken cancellationToken)
    {
        await _budget.TakeAsync(ChunkBytes, cancellationToken).ConfigureAwait(false);
        return _chunks.Rent(ChunkBytes);
    }

    public void Return(byte[] chunk)
    {
        _chunks.Return(chunk);
        _budget.Release(ChunkBytes);
    }
}
