using Fluvio.Protocol.Records;

namespace Fluvio.Storage;

/// <summary>
/// Checks what a read is about to hand out. Recovery trusts sealed segments after a header walk
/// (recomputing every CRC of a large log at each start would be slow), so a bit that flips on
/// disk is caught here, on the way out: no corrupt batch is ever served. Each stored batch is
/// checked once per process, on its first read (or by recovery's scan of the active segment):
/// what passed is remembered in its segment's <see cref="VerifiedRanges"/>, because checking
/// every batch of every read cost the broker 10–15 % of a consumer's throughput
/// (docs/PERFORMANCE.md). The trade: a bit that flips on disk after its batch was checked is
/// served until the broker restarts (memory forgets what was checked, so the next run's first
/// read checks it again).
/// </summary>
internal static class StoredBatchCheck
{
    /// <summary>
    /// Why <paramref name="read"/> (a read for <paramref name="offset"/>) is damaged, or null.
    /// Checks only the parts no earlier check covered; remembers those that pass.
    /// </summary>
    /// <param name="checkedBytes">Bytes whose CRC was computed here.</param>
    public static string? FindDamage(in StoredRead read, long offset, out long checkedBytes)
    {
        checkedBytes = 0;
        var batches = read.Batches.Span;
        if (batches.IsEmpty)
        {
            return $"no whole batch holds offset {offset}";
        }
        if (Check(batches, read.First, ref checkedBytes) is { } problem)
        {
            return problem;
        }
        foreach (var part in read.Later ?? [])
        {
            if (Check(batches, part, ref checkedBytes) is { } later)
            {
                return later;
            }
        }
        return null;
    }

    private static string? Check(ReadOnlySpan<byte> batches, StoredPart part, ref long checkedBytes)
    {
        // Only what is handed out: a read may end inside a part (max bytes, or a batch that did not follow on).
        int length = Math.Min(part.Length, batches.Length - part.Start);
        if (length <= 0)
        {
            return null;
        }
        long end = part.Position + length;
        var verified = part.Segment.Verified;
        int from = (int)(verified.VerifiedUpTo(part.Position, end) - part.Position);
        if (from == length)
        {
            return null;
        }
        if (FindDamage(batches.Slice(part.Start + from, length - from)) is { } problem)
        {
            return problem;
        }
        checkedBytes += length - from;
        verified.Add(part.Position, end);
        return null;
    }

    /// <summary>Why one of the whole batches in <paramref name="batches"/> is damaged, or null.</summary>
    public static string? FindDamage(ReadOnlySpan<byte> batches)
    {
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
