using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Fluvio.Client;

/// <summary>
/// Writes records as JSON Lines, one record a line, in the export format (docs/EXPORT-FORMAT.md):
/// partition, offset, timestamp, then key and value as text when they are valid UTF-8, else as
/// keyBase64/valueBase64. Fields always in that order and one spelling of each value, so the same
/// records always give the same bytes (export → import → export compares files).
/// </summary>
/// <remarks>Streams: one line is encoded at a time into a reused buffer, then written out.</remarks>
public sealed class RecordLineWriter : IDisposable, IAsyncDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Readable text: non-ASCII as itself, not \uXXXX; JSON's own escapes (quote, backslash,
        // control characters) still apply, so a line never holds a raw newline.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly ArrayBufferWriter<byte> _line = new(1024);
    private readonly Utf8JsonWriter _json;

    public RecordLineWriter(Stream stream, bool ownsStream = true)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _json = new Utf8JsonWriter(_line, WriterOptions);
    }

    /// <summary>Lines written so far.</summary>
    public long Count { get; private set; }

    public void Write(ConsumerRecord record) =>
        Write(record.Partition, record.Offset, record.TimestampMs, record.HasKey, record.Key.Span, record.Value.Span);

    public void Write(RecordLine line) =>
        Write(line.Partition, line.Offset, line.TimestampMs, line.HasKey, line.Key, line.Value);

    public void Write(int partition, long offset, long timestampMs, bool hasKey, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        _line.ResetWrittenCount();
        _json.Reset(_line);
        _json.WriteStartObject();
        _json.WriteNumber("partition", partition);
        _json.WriteNumber("offset", offset);
        if (timestampMs < 0)
        {
            _json.WriteNull("timestamp");
        }
        else
        {
            _json.WriteString("timestamp", FormatTimestamp(timestampMs));
        }
        if (!hasKey)
        {
            // null, not "": a keyless record and a record with an empty key are different records.
            _json.WriteNull("key");
        }
        else
        {
            WriteBytes("key", "keyBase64", key);
        }
        WriteBytes("value", "valueBase64", value);
        _json.WriteEndObject();
        _json.Flush();
        _stream.Write(_line.WrittenSpan);
        _stream.WriteByte((byte)'\n');
        Count++;
    }

    /// <summary>UTC, milliseconds always written, Z: the one spelling the reader and the broker's millisecond clock agree on.</summary>
    public static string FormatTimestamp(long timestampMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(timestampMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private void WriteBytes(string textName, string base64Name, ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            // Valid UTF-8 is written as the text it is: decoding and re-encoding it gives these bytes back.
            _json.WriteString(textName, bytes);
        }
        else
        {
            _json.WriteBase64String(base64Name, bytes);
        }
    }

    public void Flush() => _stream.Flush();

    public void Dispose()
    {
        _json.Dispose();
        _stream.Flush();
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _json.DisposeAsync().ConfigureAwait(false);
        await _stream.FlushAsync().ConfigureAwait(false);
        if (_ownsStream)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
