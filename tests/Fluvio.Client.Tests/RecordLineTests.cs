using System.Text;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;

namespace Fluvio.Client.Tests;

/// <summary>The export file format (docs/EXPORT-FORMAT.md): exact bytes, one line a record, the same records always the same text.</summary>
public class RecordLineTests
{
    private const long T0 = 1_765_075_962_593; // 2025-12-07T02:52:42.593Z

    private static string Write(params RecordLine[] lines)
    {
        var stream = new MemoryStream();
        using (var writer = new RecordLineWriter(stream, ownsStream: false))
        {
            foreach (var line in lines)
            {
                writer.Write(line);
            }
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static List<RecordLine> Read(string text)
    {
        using var reader = new RecordLineReader(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var lines = new List<RecordLine>();
        while (reader.Read() is { } line)
        {
            lines.Add(line);
        }
        return lines;
    }

    private static RecordLine Line(string? key, string value, int partition = 0, long offset = 0, long timestamp = T0) =>
        new(partition, offset, timestamp, key is not null, key is null ? [] : Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(value));

    [Fact]
    public void A_text_record_is_one_line_with_fields_in_a_fixed_order_and_a_utc_millisecond_timestamp()
    {
        string text = Write(Line("alice", "Deposit 100.00", partition: 2, offset: 7));

        Assert.Equal("""{"partition":2,"offset":7,"timestamp":"2025-12-07T02:52:42.593Z","key":"alice","value":"Deposit 100.00"}""" + "\n", text);
    }

    [Fact]
    public void Null_and_empty_keys_are_different_and_stay_different()
    {
        string text = Write(Line(null, "a"), Line("", "b"));

        Assert.Contains("\"key\":null", text.Split('\n')[0]);
        Assert.Contains("\"key\":\"\"", text.Split('\n')[1]);
        var back = Read(text);
        Assert.False(back[0].HasKey);
        Assert.True(back[1].HasKey);
        Assert.Empty(back[1].Key);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_written_as_base64_in_their_own_field_and_read_back_exactly()
    {
        byte[] binary = [0, 0x80, 0xfe, 0xff, 10];
        var line = new RecordLine(1, 3, T0, true, binary, binary);

        string text = Write(line);

        Assert.Contains("\"keyBase64\":\"" + Convert.ToBase64String(binary) + "\"", text);
        Assert.Contains("\"valueBase64\":\"" + Convert.ToBase64String(binary) + "\"", text);
        Assert.DoesNotContain("\"value\":", text);
        var back = Assert.Single(Read(text));
        Assert.Equal(binary, back.Key);
        Assert.Equal(binary, back.Value);
    }

    [Fact]
    public void Text_with_newlines_quotes_control_characters_and_non_ascii_keeps_its_bytes_and_its_line()
    {
        string value = "line 1\nline 2\r\n\"quoted\" \\ tab\t nul\0 clé ✓ 🚀";
        string text = Write(Line("k\n", value));

        Assert.Single(text.TrimEnd('\n').Split('\n')); // still one line
        // Readable, not \u escapes (characters beyond the BMP, the emoji, are escaped as surrogate pairs).
        Assert.Contains("clé ✓", text);
        var back = Assert.Single(Read(text));
        Assert.Equal(Encoding.UTF8.GetBytes(value), back.Value);
        Assert.Equal("k\n"u8.ToArray(), back.Key);
    }

    [Fact]
    public void A_record_without_a_timestamp_is_null_and_reads_back_as_none()
    {
        string text = Write(Line("k", "v", timestamp: RecordBatch.NoTimestamp));

        Assert.Contains("\"timestamp\":null", text);
        Assert.Equal(RecordBatch.NoTimestamp, Assert.Single(Read(text)).TimestampMs);
    }

    [Fact]
    public void Writing_what_was_read_gives_the_same_bytes()
    {
        string text = Write(Line("a", "1", 0, 0), Line(null, "2", 1, 5, RecordBatch.NoTimestamp),
            new RecordLine(2, 9, T0 + 1, true, [0xff], [0xc3, 0x28]));

        Assert.Equal(text, Write([.. Read(text)]));
    }

    [Fact]
    public void Crlf_line_ends_blank_lines_unknown_fields_and_a_last_line_without_newline_are_read()
    {
        var back = Read("{\"partition\":0,\"offset\":1,\"value\":\"a\",\"later\":{\"x\":[1]}}\r\n\r\n   \n{\"value\":\"b\",\"partition\":1}");

        Assert.Equal(2, back.Count);
        Assert.Equal("a"u8.ToArray(), back[0].Value);
        Assert.Equal(1, back[1].Partition);
        Assert.False(back[1].HasKey); // no key field: keyless
        Assert.Equal(RecordBatch.NoTimestamp, back[1].TimestampMs);
    }

    [Fact]
    public void A_long_line_larger_than_the_read_buffer_is_read_whole()
    {
        string value = new('x', 300_000);
        Assert.Equal(value.Length, Assert.Single(Read(Write(Line("k", value)))).Value.Length);
    }

    [Theory]
    [InlineData("not json", 1)]
    [InlineData("[1,2]", 1)]
    [InlineData("{\"offset\":1,\"value\":\"a\"}", 1)]
    [InlineData("{\"partition\":0}", 1)]
    [InlineData("{\"partition\":\"zero\",\"value\":\"a\"}", 1)]
    [InlineData("{\"partition\":0,\"value\":\"a\",\"valueBase64\":\"YQ==\"}", 1)]
    [InlineData("{\"partition\":0,\"valueBase64\":\"***\"}", 1)]
    [InlineData("{\"partition\":0,\"value\":\"a\",\"timestamp\":\"yesterday\"}", 1)]
    public void A_line_that_is_not_a_record_is_a_format_error_naming_its_line(string bad, int _)
    {
        var e = Assert.Throws<FormatException>(() => Read("{\"partition\":0,\"value\":\"ok\"}\n" + bad + "\n"));
        Assert.Contains("Line 2", e.Message);
    }

    [Fact]
    public void Stamped_sends_keep_their_timestamps_and_a_step_back_or_none_starts_a_new_batch()
    {
        var batches = new List<ProducerBatch>();
        var acc = new BatchAccumulator(1, 16 * 1024, CompressionCodec.None, batches.Add);
        (ProducerBatch Batch, int Index) Add(long timestamp) =>
            acc.Append(0, "k"u8, true, "v"u8, timestamp, 0, 30, out _, exactTimestamp: true);

        var first = Add(T0);
        var later = Add(T0 + 5);
        var earlier = Add(T0 - 1);
        var none = Add(RecordBatch.NoTimestamp);
        var noneAgain = Add(RecordBatch.NoTimestamp);

        Assert.Same(first.Batch, later.Batch);
        Assert.NotSame(later.Batch, earlier.Batch);
        Assert.Equal(T0 - 1, earlier.Batch.FirstTimestampMs);
        Assert.NotSame(earlier.Batch, none.Batch);
        Assert.Same(none.Batch, noneAgain.Batch);
        Assert.Equal(RecordBatch.NoTimestamp, none.Batch.FirstTimestampMs);
    }
}
