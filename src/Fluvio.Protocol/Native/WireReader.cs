using System.Buffers.Binary;
using System.Text;

namespace Fluvio.Protocol.Native;

/// <summary>
/// Reads the primitives of the native protocol (wire protocol §2, all big-endian) from one
/// message. Every read checks the bytes left first, and every count or length is checked against
/// them before anything is allocated, so a hostile length costs an exception, not memory.
/// Byte slices are views of the message, not copies.
/// </summary>
public sealed class WireReader(ReadOnlyMemory<byte> message)
{
    private int _position;

    public int Position => _position;

    public int Remaining => message.Length - _position;

    public byte U8() => Take(1).Span[0];

    /// <summary>Strict, as Fluvio's decoder: 0 or 1, anything else is an error.</summary>
    public bool Bool() => U8() switch
    {
        0 => false,
        1 => true,
        var b => throw new WireFormatException($"Byte {b} at {_position - 1} is not a bool (0 or 1)."),
    };

    public short I16() => BinaryPrimitives.ReadInt16BigEndian(Take(2).Span);

    public ushort U16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2).Span);

    public int I32() => BinaryPrimitives.ReadInt32BigEndian(Take(4).Span);

    public uint U32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4).Span);

    public long I64() => BinaryPrimitives.ReadInt64BigEndian(Take(8).Span);

    public ulong U64() => BinaryPrimitives.ReadUInt64BigEndian(Take(8).Span);

    /// <summary>u16 length read as i16, as Fluvio does: zero or negative means an empty string.</summary>
    public string String()
    {
        short length = I16();
        return length <= 0 ? "" : Encoding.UTF8.GetString(Take(length).Span);
    }

    /// <summary>Option: a presence flag, then the value.</summary>
    public bool Present() => Bool();

    public string? OptionalString() => Present() ? String() : null;

    /// <summary>
    /// A Vec count: i32, below 1 meaning empty. Every element of every Vec in this protocol takes
    /// at least one byte, so a count above the bytes left is a lie, refused before any allocation.
    /// </summary>
    public int Count()
    {
        int count = I32();
        if (count < 1)
        {
            return 0;
        }
        if (count > Remaining)
        {
            throw new WireFormatException($"A count of {count} at byte {_position - 4} exceeds the {Remaining} bytes left.");
        }
        return count;
    }

    /// <summary>BTreeMap: a u16 count, then key/value pairs (each at least 4 bytes as two strings).</summary>
    public int MapCount()
    {
        int count = U16();
        if (count * 4L > Remaining)
        {
            throw new WireFormatException($"A map of {count} entries at byte {_position - 2} exceeds the {Remaining} bytes left.");
        }
        return count;
    }

    public List<T> List<T>(Func<WireReader, T> element)
    {
        int count = Count();
        var list = new List<T>(count);
        for (int i = 0; i < count; i++)
        {
            list.Add(element(this));
        }
        return list;
    }

    /// <summary>Vec&lt;u8&gt; and ByteBuf: a u32 length, then the bytes.</summary>
    public ReadOnlyMemory<byte> ByteVector() => Take(Length(U32()));

    /// <summary>A RecordSet (§6.1): i32 length of the concatenated batches, then the batches.</summary>
    public ReadOnlyMemory<byte> RecordSet() => Take(Length(I32()));

    /// <summary>Duration: u64 seconds and u32 nanoseconds.</summary>
    public (ulong Seconds, uint Nanoseconds) Duration() => (U64(), U32());

    /// <summary>A zig-zag varint, as inside records.</summary>
    public long Varint()
    {
        if (!Records.Varint.TryRead(message.Span[_position..], out long value, out int read))
        {
            throw new WireFormatException($"Bad varint at byte {_position}.");
        }
        _position += read;
        return value;
    }

    public ReadOnlyMemory<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new WireFormatException($"{count} bytes wanted at byte {_position}, {Remaining} left.");
        }
        var slice = message.Slice(_position, count);
        _position += count;
        return slice;
    }

    /// <summary>The bytes read since <paramref name="start"/> (a <see cref="Position"/> taken earlier).</summary>
    public ReadOnlyMemory<byte> Since(int start) => message[start.._position];

    /// <summary>Everything not read yet.</summary>
    public ReadOnlyMemory<byte> Rest() => Take(Remaining);

    /// <summary>Fails unless every byte was read: a check for tests and round trips.</summary>
    public void End()
    {
        if (Remaining != 0)
        {
            throw new WireFormatException($"{Remaining} bytes left over after byte {_position}.");
        }
    }

    private int Length(long length) =>
        length >= 0 && length <= Remaining
            ? (int)length
            : throw new WireFormatException($"A length of {length} at byte {_position - 4} exceeds the {Remaining} bytes left.");
}
