using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Fluvio.Protocol.Native;

/// <summary>
/// Writes the primitives of the native protocol (wire protocol §2, all big-endian) into a
/// growing buffer. Lengths that precede what they measure (frame size, TypeBuffer length) are
/// written as placeholders and patched once the measured part is done.
/// </summary>
public sealed class WireWriter(int initialCapacity = 256)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(Math.Max(16, initialCapacity));

    public int Length => _buffer.WrittenCount;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.WrittenMemory;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public void U8(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void Bool(bool value) => U8(value ? (byte)1 : (byte)0);

    public void I16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.GetSpan(2), value);
        _buffer.Advance(2);
    }

    public void U16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.GetSpan(2), value);
        _buffer.Advance(2);
    }

    public void I32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void U32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void I64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void U64(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    /// <summary>u16 length and UTF-8 bytes. Fluvio reads the length as i16, so longer strings are refused here.</summary>
    public void String(string value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        if (length > short.MaxValue)
        {
            throw new ArgumentException($"A string of {length} UTF-8 bytes is longer than the protocol's {short.MaxValue}.", nameof(value));
        }
        U16((ushort)length);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
        _buffer.Advance(length);
    }

    public void OptionalString(string? value)
    {
        Bool(value is not null);
        if (value is not null)
        {
            String(value);
        }
    }

    /// <summary>A Vec count (u32 on the wire).</summary>
    public void Count(int count) => I32(count);

    public void List<T>(IReadOnlyCollection<T> items, Action<WireWriter, T> element)
    {
        Count(items.Count);
        foreach (var item in items)
        {
            element(this, item);
        }
    }

    /// <summary>Vec&lt;u8&gt; / ByteBuf: u32 length, then the bytes.</summary>
    public void ByteVector(ReadOnlySpan<byte> bytes)
    {
        I32(bytes.Length);
        Raw(bytes);
    }

    /// <summary>A RecordSet (§6.1): i32 length, then the batches as they are.</summary>
    public void RecordSet(ReadOnlySpan<byte> batches) => ByteVector(batches);

    public void Duration(ulong seconds, uint nanoseconds)
    {
        U64(seconds);
        U32(nanoseconds);
    }

    public void Varint(long value)
    {
        int written = Records.Varint.Write(_buffer.GetSpan(Records.Varint.MaxLength), value);
        _buffer.Advance(written);
    }

    public void Raw(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);

    /// <summary>Writes four zero bytes to be filled in by <see cref="PatchLength"/>.</summary>
    public int ReserveLength()
    {
        int position = Length;
        I32(0);
        return position;
    }

    /// <summary>Fills a reserved length with the bytes written since it.</summary>
    public void PatchLength(int reserved)
    {
        int length = Length - reserved - 4;
        var written = System.Runtime.InteropServices.MemoryMarshal.AsMemory(_buffer.WrittenMemory);
        BinaryPrimitives.WriteInt32BigEndian(written.Span[reserved..], length);
    }
}
