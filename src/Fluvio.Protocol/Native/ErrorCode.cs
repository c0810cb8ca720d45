using System.Text;

namespace Fluvio.Protocol.Native;

/// <summary>
/// A Fluvio ErrorCode (wire protocol §7): an i16 tag and, for some tags, a payload. The payload is
/// kept as its encoded bytes, which round-trips every variant exactly; <see cref="Message"/>
/// reads the text of the variants that carry one.
/// </summary>
public sealed partial class ErrorCode : IWireCodec<ErrorCode>, IEquatable<ErrorCode>
{
    private readonly byte[] _payload;

    private ErrorCode(short code, byte[] payload)
    {
        Code = code;
        _payload = payload;
    }

    public static ErrorCode None { get; } = new(ErrorCodes.None, []);

    public short Code { get; }

    public bool IsError => Code != ErrorCodes.None;

    public string Name => ErrorCodes.NameOf(Code);

    public ReadOnlyMemory<byte> Payload => _payload;

    /// <summary>The first string of the payload (Other's text, a SmartModule's name…), or null.</summary>
    public string? Message =>
        ErrorCodes.PayloadOf(Code) is [ErrorCodes.Field.String, ..] ? new WireReader(_payload).String() : null;

    /// <summary>A variant without payload.</summary>
    public static ErrorCode Of(short code)
    {
        if (ErrorCodes.PayloadOf(code) is not { Length: 0 })
        {
            throw new ArgumentException($"Error code {code} is unknown or carries a payload.", nameof(code));
        }
        return code == ErrorCodes.None ? None : new ErrorCode(code, []);
    }

    /// <summary>Other(String): the catch-all with a message, which every Fluvio client prints.</summary>
    public static ErrorCode Other(string message)
    {
        var writer = new WireWriter();
        writer.String(Truncate(message));
        return new ErrorCode(ErrorCodes.Other, writer.ToArray());
    }

    /// <summary>OffsetEvicted { offset, next_available }.</summary>
    public static ErrorCode OffsetEvicted(long offset, long nextAvailable)
    {
        var writer = new WireWriter();
        writer.I64(offset);
        writer.I64(nextAvailable);
        return new ErrorCode(ErrorCodes.OffsetEvicted, writer.ToArray());
    }

    public static ErrorCode Decode(WireReader reader, short version)
    {
        short code = reader.I16();
        var shape = ErrorCodes.PayloadOf(code) ?? throw new WireFormatException($"Unknown error code tag {code}.");
        if (shape.Length == 0)
        {
            return code == ErrorCodes.None ? None : new ErrorCode(code, []);
        }
        int start = reader.Position;
        foreach (var field in shape)
        {
            Skip(reader, field);
        }
        return new ErrorCode(code, reader.Since(start).ToArray());
    }

    public void Encode(WireWriter writer, short version)
    {
        writer.I16(Code);
        writer.Raw(_payload);
    }

    public bool Equals(ErrorCode? other) =>
        other is not null && other.Code == Code && other._payload.AsSpan().SequenceEqual(_payload);

    public override bool Equals(object? obj) => Equals(obj as ErrorCode);

    public override int GetHashCode() => Code;

    public override string ToString() => Message is { } message ? $"{Name}: {message}" : Name;

    private static void Skip(WireReader reader, ErrorCodes.Field field)
    {
        switch (field)
        {
            case ErrorCodes.Field.String:
                reader.String();
                break;
            case ErrorCodes.Field.OptionalString:
                reader.OptionalString();
                break;
            case ErrorCodes.Field.U8:
                reader.U8();
                break;
            case ErrorCodes.Field.I64:
            case ErrorCodes.Field.U64:
                reader.I64();
                break;
            case ErrorCodes.Field.OptionalRecordData:
                if (reader.Present())
                {
                    SkipRecordData(reader);
                }
                break;
            case ErrorCodes.Field.RecordData:
                SkipRecordData(reader);
                break;
        }
    }

    private static void SkipRecordData(WireReader reader)
    {
        long length = reader.Varint();
        reader.Take(length is >= 0 and <= int.MaxValue ? (int)length : -1);
    }

    // Keeps a message inside the protocol's string limit (i16 length) whatever its source.
    private static string Truncate(string message)
    {
        const int Limit = 4096;
        return Encoding.UTF8.GetByteCount(message) <= Limit ? message : message[..Math.Min(message.Length, Limit / 4)] + "…";
    }
}
