using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Fluvio.Reliability.Tests;

/// <summary>
/// What every produced value carries: which producer sent it, its sequence number in that
/// producer, and a checksum over the whole value, so a verifier can tell a record that is
/// missing, repeated, reordered or damaged. Layout: producer u32, sequence u64, padding length
/// u16, padding, CRC-32 of everything before it (big-endian).
/// </summary>
public readonly record struct Stamp(int Producer, long Sequence)
{
    private const int Fixed = 4 + 8 + 2;

    public byte[] Encode(int padding = 0)
    {
        var value = new byte[Fixed + padding + 4];
        BinaryPrimitives.WriteInt32BigEndian(value, Producer);
        BinaryPrimitives.WriteInt64BigEndian(value.AsSpan(4), Sequence);
        BinaryPrimitives.WriteUInt16BigEndian(value.AsSpan(12), (ushort)padding);
        for (int i = 0; i < padding; i++)
        {
            value[Fixed + i] = (byte)(Sequence + i);
        }
        BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(Fixed + padding), Crc32.HashToUInt32(value.AsSpan(0, Fixed + padding)));
        return value;
    }

    /// <summary>The stamp of a value, or null when the value is not an intact stamp.</summary>
    public static Stamp? Decode(ReadOnlySpan<byte> value)
    {
        if (value.Length < Fixed + 4)
        {
            return null;
        }
        int padding = BinaryPrimitives.ReadUInt16BigEndian(value[12..]);
        if (value.Length != Fixed + padding + 4
            || BinaryPrimitives.ReadUInt32BigEndian(value[(Fixed + padding)..]) != Crc32.HashToUInt32(value[..(Fixed + padding)]))
        {
            return null;
        }
        return new Stamp(BinaryPrimitives.ReadInt32BigEndian(value), BinaryPrimitives.ReadInt64BigEndian(value[4..]));
    }

    /// <summary>The same stamp as a line of text, for pipelines: <c>p7-s42-1a2b3c4d</c>.</summary>
    public string ToText()
    {
        string body = $"p{Producer}-s{Sequence}";
        return $"{body}-{Crc32.HashToUInt32(Encoding.UTF8.GetBytes(body)):x8}";
    }

    public static Stamp? FromText(string text)
    {
        int last = text.LastIndexOf('-');
        if (last < 0 || !text.StartsWith('p'))
        {
            return null;
        }
        string body = text[..last];
        if (text[(last + 1)..] != $"{Crc32.HashToUInt32(Encoding.UTF8.GetBytes(body)):x8}")
        {
            return null;
        }
        string[] parts = body[1..].Split("-s");
        return parts.Length == 2 && int.TryParse(parts[0], out int producer) && long.TryParse(parts[1], out long sequence)
            ? new Stamp(producer, sequence)
            : null;
    }
}
