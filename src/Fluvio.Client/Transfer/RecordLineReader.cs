using System.Globalization;
using System.Text;
using System.Text.Json;
using Fluvio.Protocol.Records;

namespace Fluvio.Client;

/// <summary>
/// Reads an export file (docs/EXPORT-FORMAT.md) one line at a time: a 10 M record file is never
/// in memory, only the line being parsed. Blank lines are skipped; a line that is not a record
/// throws <see cref="FormatException"/> naming its line number.
/// </summary>
public sealed class RecordLineReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _eof;

    public RecordLineReader(Stream stream, bool ownsStream = true)
    {
        _stream = stream;
        _ownsStream = ownsStream;
    }

    /// <summary>The number of the line last read (1 for the first).</summary>
    public long LineNumber { get; private set; }

    /// <summary>Bytes of the file consumed so far (for progress against the file's length).</summary>
    public long Position { get; private set; }

    /// <summary>The next record, or null at the end of the file.</summary>
    public RecordLine? Read()
    {
        while (NextLine() is { } line)
        {
            LineNumber++;
            var span = line.Span;
            if (span.Length > 0 && span[^1] == (byte)'\r')
            {
                // Written on Windows or edited there: CR LF ends a line as LF does.
                span = span[..^1];
            }
            if (span.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }
            return Parse(span, LineNumber);
        }
        return null;
    }

    /// <summary>One line of the format as a record; <paramref name="lineNumber"/> is for the message.</summary>
    public static RecordLine Parse(ReadOnlySpan<byte> line, long lineNumber = 1)
    {
        try
        {
            return ParseCore(line, lineNumber);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Line {lineNumber} is not JSON: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader's answer to a value of the wrong kind (a number where text belongs).
            throw new FormatException($"Line {lineNumber}: {e.Message}", e);
        }
    }

    private static RecordLine ParseCore(ReadOnlySpan<byte> line, long lineNumber)
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException($"Line {lineNumber} is not a JSON object.");
        }
        int? partition = null;
        long offset = -1;
        long timestamp = RecordBatch.NoTimestamp;
        bool keySeen = false, hasKey = false;
        byte[] key = [];
        byte[]? value = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "partition":
                    partition = reader.GetInt32();
                    break;
                case "offset":
                    offset = reader.GetInt64();
                    break;
                case "timestamp":
                    timestamp = reader.TokenType == JsonTokenType.Null ? RecordBatch.NoTimestamp : ParseTimestamp(reader.GetString()!, lineNumber);
                    break;
                case "key" or "keyBase64":
                    if (keySeen)
                    {
                        throw new FormatException($"Line {lineNumber} has both key and keyBase64.");
                    }
                    keySeen = true;
                    hasKey = reader.TokenType != JsonTokenType.Null;
                    if (hasKey)
                    {
                        key = name == "key" ? Text(ref reader) : Base64(ref reader, name, lineNumber);
                    }
                    break;
                case "value" or "valueBase64":
                    if (value is not null)
                    {
                        throw new FormatException($"Line {lineNumber} has both value and valueBase64.");
                    }
                    value = name == "value" ? Text(ref reader) : Base64(ref reader, name, lineNumber);
                    break;
                default:
                    // Fields a later version may add: skipped, so older modules still import its files.
                    reader.Skip();
                    break;
            }
        }
        if (partition is null || value is null)
        {
            throw new FormatException($"Line {lineNumber} lacks {(partition is null ? "partition" : "value (or valueBase64)")}.");
        }
        return new RecordLine(partition.Value, offset, timestamp, hasKey, key, value);
    }

    private static byte[] Text(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new FormatException($"Expected text, found {reader.TokenType}.");
        }
        // The unescaped UTF-8 bytes of the string: exactly the bytes the writer was given.
        return Encoding.UTF8.GetBytes(reader.GetString()!);
    }

    private static byte[] Base64(ref Utf8JsonReader reader, string name, long lineNumber) =>
        reader.TokenType == JsonTokenType.String && reader.TryGetBytesFromBase64(out var bytes)
            ? bytes
            : throw new FormatException($"Line {lineNumber}: {name} is not base64 text.");

    private static long ParseTimestamp(string text, long lineNumber)
    {
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var moment))
        {
            throw new FormatException($"Line {lineNumber}: timestamp '{text}' is not an ISO 8601 date and time.");
        }
        return moment.ToUnixTimeMilliseconds();
    }

    private ReadOnlyMemory<byte>? NextLine()
    {
        while (true)
        {
            int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = new ReadOnlyMemory<byte>(_buffer, _start, newline - _start);
                Position += newline + 1 - _start;
                _start = newline + 1;
                return line;
            }
            if (_eof)
            {
                if (_start == _end)
                {
                    return null;
                }
                // A last line without its newline.
                var rest = new ReadOnlyMemory<byte>(_buffer, _start, _end - _start);
                Position += _end - _start;
                _start = _end;
                return rest;
            }
            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            // Keep the partial line at the front; the rest of the buffer is free again.
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            // A line longer than the buffer (a large value): grow to hold it whole.
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }
        _end += read;
    }

    public void Dispose()
    {
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }
}
