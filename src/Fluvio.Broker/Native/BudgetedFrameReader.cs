using System.Buffers.Binary;
using Fluvio.Protocol.Native;

namespace Fluvio.Broker.Native;

/// <summary>
/// Reads request frames as the protocol's FrameReader does (the declared size bounded before
/// anything is allocated, memory taken only as bytes arrive), but receives what follows a frame's
/// first 64 KiB into chunks of <see cref="PendingFrameMemory"/>, shared by every connection and
/// bounded in total, and copies them into the payload only once the frame is whole.
/// </summary>
/// <remarks>
/// When the budget is spent the connection waits, unread, instead of being closed: the chunks
/// held belong to frames that complete or hit the idle timeout, so room comes back, and an honest
/// client sending a large produce during an attack is delayed rather than dropped. The first
/// 64 KiB is free, so small requests (every ApiVersions, metadata and offsets request, most
/// produces) never wait behind someone else's half-sent frame; those are bounded by the
/// connection cap.
/// </remarks>
internal sealed class BudgetedFrameReader(Stream stream, PendingFrameMemory memory)
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
        try
        {
            got = await FillAsync(_size, got, _size.Length, cancellationToken).ConfigureAwait(false);
            if (got < _size.Length)
            {
                throw new EndOfStreamException("The stream ended inside a frame's size.");
            }
            int size = BinaryPrimitives.ReadInt32BigEndian(_size);
            if (size < 0 || size > NativeFrame.MaxSize)
            {
                throw new WireFormatException($"A frame size of {size} bytes is outside 0 to {NativeFrame.MaxSize}.");
            }
            var first = new byte[Math.Min(size, FirstChunk)];
            int filled = await FillAsync(first, 0, first.Length, cancellationToken).ConfigureAwait(false);
            if (filled < first.Length)
            {
                throw new EndOfStreamException($"The stream ended after {filled} of a frame's {size} bytes.");
            }
            return size == first.Length ? first : await ReadRestAsync(first, size, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _frameStarted, 0);
        }
    }

    private async ValueTask<byte[]> ReadRestAsync(byte[] first, int size, CancellationToken cancellationToken)
    {
        var chunks = new List<byte[]>();
        try
        {
            int received = first.Length;
            while (received < size)
            {
                var chunk = await memory.RentAsync(cancellationToken).ConfigureAwait(false);
                chunks.Add(chunk);
                int want = Math.Min(PendingFrameMemory.ChunkBytes, size - received);
                int filled = await FillAsync(chunk, 0, want, cancellationToken).ConfigureAwait(false);
                received += filled;
                if (filled < want)
                {
                    throw new EndOfStreamException($"The stream ended after {received} of a frame's {size} bytes.");
                }
            }
            // Whole: one payload for the request (held under the request budget from here on).
            var payload = new byte[size];
            first.CopyTo(payload, 0);
            int at = first.Length;
            foreach (var chunk in chunks)
            {
                int length = Math.Min(PendingFrameMemory.ChunkBytes, size - at);
                chunk.AsSpan(0, length).CopyTo(payload.AsSpan(at));
                at += length;
            }
            return payload;
        }
        finally
        {
            // Complete, failed or closed: the chunks go back for the next frame, of any connection.
            foreach (var chunk in chunks)
            {
                memory.Return(chunk);
            }
        }
    }

    /// <summary>Reads into buffer[from..end] until filled or the stream ends; returns the bytes now in it.</summary>
    private async ValueTask<int> FillAsync(byte[] buffer, int from, int end, CancellationToken cancellationToken)
    {
        while (from < end)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(from, end - from), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            from += read;
        }
        return from;
    }
}
