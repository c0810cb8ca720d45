using System.Buffers.Binary;

namespace Fluvio.Protocol.Native;

/// <summary>
/// Reads whole frames (wire protocol §1.2) from a stream. The declared size is checked against
/// the limit before anything is allocated, and a large frame's buffer grows with the bytes that
/// actually arrive, so a peer declaring 64 MiB and sending nothing holds only a small buffer.
/// </summary>
public sealed class FrameReader(Stream stream, int maxSize = NativeFrame.MaxSize)
{
    private const int FirstChunk = 64 * 1024;
    private readonly byte[] _size = new byte[4];

    /// <summary>
    /// The next frame's payload (without its size), or null when the stream ends cleanly between
    /// frames. Throws <see cref="WireFormatException"/> for a size out of range and
    /// <see cref="EndOfStreamException"/> when the stream ends inside a frame.
    /// </summary>
    public async ValueTask<byte[]?> ReadAsync(CancellationToken cancellationToken)
    {
        int got = await FillAsync(_size, 0, cancellationToken).ConfigureAwait(false);
        if (got == 0)
        {
            return null;
        }
        if (got < _size.Length)
        {
            throw new EndOfStreamException("The stream ended inside a frame's size.");
        }
        int size = BinaryPrimitives.ReadInt32BigEndian(_size);
        if (size < 0 || size > maxSize)
        {
            throw new WireFormatException($"A frame size of {size} bytes is outside 0 to {maxSize}.");
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
            Array.Resize(ref payload, (int)Math.Min(size, payload.Length * 2L));
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
