using System.Buffers.Binary;
using Fluvio.Protocol.Native;

namespace Fluvio.Broker.Native;

/// <summary>
/// Reads request frames as the protocol's FrameReader does (the declared size bounded before
/// anything is allocated, the buffer growing with the bytes that arrive), and also charges what
/// an incomplete frame holds past its first chunk to a budget shared by every connection.
/// </summary>
/// <remarks>
/// When the budget is spent the connection waits, unread, instead of being closed: the bytes
/// held belong to frames that complete or hit the idle timeout, so room comes back, and an honest
/// client sending a large produce during an attack is delayed rather than dropped. The first
/// chunk is free, so small requests (every ApiVersions, metadata and offsets request, most
/// produces) never wait behind someone else's half-sent frame; those chunks are bounded by the
/// connection cap.
/// </remarks>
internal sealed class BudgetedFrameReader(Stream stream, ByteBudget pending)
{
    private const int FirstChunk = 64 * 1024;
    private readonly byte[] _size = new byte[4];
    private long _frameStarted;

    /// <summary>When the frame now being read began (Environment.TickCount64), or null between frames.</summary>
    public long? FrameStarted => Volatile.Read(ref _frameStarted) is var started and not 0 ? started : null;

    /// <summary>The next frame's payload, or null when the stream ends cleanly between frames.</summary>
    public async ValueTask<byte[]?> ReadAsync(CancellationToken cancellationToken)
    {
        int got = await stream.ReadAsync(_size.AsMemory(0, _size.Length), cancellationToken).ConfigureAwait(false);
        if (got == 0)
        {
            return null;
        }
        // From the first byte on, the frame is under way: the idle timeout bounds it whatever else the connection holds.
        Volatile.Write(ref _frameStarted, Math.Max(1, Environment.TickCount64));
        long charged = 0;
        try
        {
            got = await FillAsync(_size, got, cancellationToken).ConfigureAwait(false);
            if (got < _size.Length)
            {
                throw new EndOfStreamException("The stream ended inside a frame's size.");
            }
            int size = BinaryPrimitives.ReadInt32BigEndian(_size);
            if (size < 0 || size > NativeFrame.MaxSize)
            {
                throw new WireFormatException($"A frame size of {size} bytes is outside 0 to {NativeFrame.MaxSize}.");
            }
            var payload = new byte[Math.Min(size, FirstChunk)];
            int filled = 0;
            while (true)
            {
                filled = await FillAsync(payload, filled, cancellationToken).ConfigureAwait(false);
                if (filled < payload.Length)
                {
                    throw new EndOfStreamException($"The stream ended after {filled} of a frame's {size} bytes.");
                }
                if (filled == size)
                {
                    return payload;
                }
                int grown = (int)Math.Min(size, payload.Length * 2L);
                // Only the growth is charged (the first chunk is free), before it is allocated; the old
                // buffer is garbage once copied.
                long charge = grown - payload.Length;
                await pending.TakeAsync(charge, cancellationToken).ConfigureAwait(false);
                charged += charge;
                Array.Resize(ref payload, grown);
            }
        }
        finally
        {
            // Complete (the request budget holds it from here), failed or closed: no longer pending.
            pending.Release(charged);
            Volatile.Write(ref _frameStarted, 0);
        }
    }

    /// <summary>Reads into buffer[from..] until full or the stream ends; returns the bytes now in it.</summary>
    private async ValueTask<int> FillAsync(byte[] buffer, int from, CancellationToken cancellationToken)
    {
        while (from < buffer.Length)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(from), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            from += read;
        }
        return from;
    }
}
