using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;

namespace Fluvio.Storage;

/// <summary>
/// Checks every batch of an append before any is queued, so an append is stored whole or not at
/// all. Runs on the caller's thread: CRC work spreads over the producers, not the one writer.
/// </summary>
internal static class AppendValidation
{
    // A record takes at least 7 bytes: length, attributes, timestamp and offset deltas, key
    // flag, value length and header count, one byte each.
    private const int MinRecordSize = 7;

    /// <param name="claimAllowance">
    /// Offsets a batch may claim beyond what its bytes could hold: the records of the entry a
    /// SmartModule chain read, when <paramref name="bytes"/> is its output. That batch keeps the
    /// offsets of every record it came from (as Fluvio's SPU stores it), so a filter's output can
    /// claim five offsets with one record's bytes; the input's own claims were checked against its bytes.
    /// </param>
    public static PendingBatch[] Validate(ReadOnlySpan<byte> bytes, int maxBatchBytes, long segmentSize, string label, long claimAllowance = 0)
    {
        if (bytes.IsEmpty)
        {
            throw new StorageException(FluvioErrorCode.InvalidBatch, $"An append to {label} must hold at least one record batch; it is empty.");
        }
        // First pass checks everything and counts, so the result is allocated once at its size.
        int count = 0;
        for (int position = 0; position < bytes.Length; count++)
        {
            position += Check(bytes[position..], count, position, maxBatchBytes, segmentSize, label, claimAllowance);
        }
        var batches = new PendingBatch[count];
        for (int i = 0, position = 0; i < count; i++)
        {
            BatchHeader.TryRead(bytes[position..], out var header);
            batches[i] = new PendingBatch(position, (int)header.TotalSize, header.RecordCount);
            position += (int)header.TotalSize;
        }
        return batches;
    }

    /// <summary>The offsets the entry's batches claim, all together, once every batch has passed the checks of an append.</summary>
    public static long ClaimedRecords(ReadOnlySpan<byte> bytes, int maxBatchBytes, long segmentSize, string label)
    {
        long claimed = 0;
        foreach (var batch in Validate(bytes, maxBatchBytes, segmentSize, label))
        {
            claimed += batch.RecordCount;
        }
        return claimed;
    }

    private static int Check(ReadOnlySpan<byte> rest, int number, int position, int maxBatchBytes, long segmentSize, string label, long claimAllowance)
    {
        // Size first: an oversized batch is refused for its size even if it were also malformed.
        if (BatchHeader.TryRead(rest, out var claimed) && claimed.BatchLength >= BatchLayout.HeaderSize)
        {
            if (claimed.TotalSize > maxBatchBytes)
            {
                throw new StorageException(
                    FluvioErrorCode.RecordTooLarge,
                    $"Batch {number} (at byte {position}) of the append to {label} is {claimed.TotalSize} bytes, more than the maximum batch size of {maxBatchBytes} bytes.");
            }
            if (claimed.TotalSize > segmentSize)
            {
                throw new StorageException(
                    FluvioErrorCode.RecordTooLarge,
                    $"Batch {number} (at byte {position}) of the append to {label} is {claimed.TotalSize} bytes, more than the topic's segment size of {segmentSize} bytes.");
            }
        }
        if (!RecordBatch.TryValidate(rest, out var header, out string? problem))
        {
            throw new StorageException(
                FluvioErrorCode.InvalidBatch,
                $"Batch {number} (at byte {position}) of the append to {label} is invalid: {problem}.");
        }
        // last_offset_delta decides how many offsets the batch takes, so it must be a count the
        // batch can hold: int.MaxValue would overflow the count and push offsets backwards, and -1
        // (no records) would give the next batch the same base offset.
        long records = (long)header.LastOffsetDelta + 1;
        if (records < 1)
        {
            throw new StorageException(
                FluvioErrorCode.InvalidBatch,
                $"Batch {number} (at byte {position}) of the append to {label} holds no records (last_offset_delta {header.LastOffsetDelta}).");
        }
        long room = header.Compression == CompressionCodec.None
            ? (header.TotalSize - header.RecordsStart) / MinRecordSize
            : BatchCompression.MaxDecompressedBytes / MinRecordSize;
        if (records > room && records > claimAllowance)
        {
            throw new StorageException(
                FluvioErrorCode.InvalidBatch,
                $"Batch {number} (at byte {position}) of the append to {label} claims {records} records, more than its {header.TotalSize} bytes can hold.");
        }
        return (int)header.TotalSize;
    }
}
