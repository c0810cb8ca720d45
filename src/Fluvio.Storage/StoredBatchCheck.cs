using Fluvio.Protocol.Records;

namespace Fluvio.Storage;

/// <summary>
/// Checks what a read is about to hand out. Recovery trusts sealed segments after a header walk
/// (recomputing every CRC of a large log at each start would be slow), so a bit that flips on
/// disk later is caught here, on the way out: no corrupt batch is ever served. CRC-32C runs at
/// memory speed, far above what a consumer's network takes.
/// </summary>
internal static class StoredBatchCheck
{
    /// <summary>Why <paramref name="batches"/> (a read for <paramref name="offset"/>) is damaged, or null.</summary>
    public static string? FindDamage(ReadOnlySpan<byte> batches, long offset)
    {
        if (batches.IsEmpty)
        {
            return $"no whole batch holds offset {offset}";
        }
        int position = 0;
        while (position < batches.Length)
        {
            if (!RecordBatch.TryValidate(batches[position..], out var header, out string? problem))
            {
                BatchHeader.TryRead(batches[position..], out header);
                return $"the batch at offset {header.BaseOffset} fails its check: {problem}";
            }
            position += (int)header.TotalSize;
        }
        return null;
    }
}
