namespace Fluvio.Protocol.Records;

/// <summary>
/// Zig-zag base-128 varints, as Fluvio uses inside records (wire protocol §2). Standard 64-bit
/// zig-zag gives the same bytes as Fluvio's encoder for every value in the i32 range, which is
/// all the record format ever carries.
/// </summary>
public static class Varint
{
    /// <summary>The most bytes a 64-bit varint can take.</summary>
    public const int MaxLength = 10;

    public static int SizeOf(long value)
    {
        ulong v = ZigZag(value);
        int size = 1;
        while (v >= 0x80)
        {
            v >>= 7;
            size++;
        }
        return size;
    }

    /// <summary>Writes <paramref name="value"/> at the start of <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Write(Span<byte> destination, long value)
    {
        ulong v = ZigZag(value);
        int i = 0;
        while (v >= 0x80)
        {
            destination[i++] = (byte)(v | 0x80);
            v >>= 7;
        }
        destination[i++] = (byte)v;
        return i;
    }

    /// <summary>Reads one varint; false when the bytes end first or the varint runs past 10 bytes.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out long value, out int bytesRead)
    {
        ulong result = 0;
        int shift = 0;
        for (int i = 0; i < source.Length && i < MaxLength; i++)
        {
            byte b = source[i];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                value = (long)(result >> 1) ^ -(long)(result & 1);
                bytesRead = i + 1;
                return true;
            }
            shift += 7;
        }
        value = 0;
        bytesRead = 0;
        return false;
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));
}
