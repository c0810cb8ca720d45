using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;

namespace Fluvio.Protocol.Tests;

/// <summary>Builds a batch from records as a reader returns them.</summary>
internal static class TestBatches
{
    /// <summary>
    /// Appends each record at its own timestamp (first_timestamp + delta, so the builder gets the
    /// same delta back); offsets are not taken from the records, the builder numbers them.
    /// </summary>
    public static byte[] Build(CompressionCodec codec, long firstTimestamp, IEnumerable<BatchRecord> records)
    {
        var builder = new RecordBatchBuilder(codec, firstTimestamp);
        foreach (var record in records)
        {
            if (record.HasKey)
            {
                builder.Append(record.Key.Span, record.Value.Span, record.Timestamp);
            }
            else
            {
                builder.AppendKeyless(record.Value.Span, record.Timestamp);
            }
        }
        return builder.Build().ToArray();
    }
}
