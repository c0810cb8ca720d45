using Fluvio.Protocol.Records;

namespace Fluvio.Storage;

/// <summary>
/// The read path: whole stored batches, located with the segment's sparse index and a header
/// walk, then fetched with one positional read per segment straight into the returned buffer.
/// The caller holds a reference on <c>segments[index]</c>; later segments are acquired here.
/// </summary>
internal static class LogReader
{
    /// <summary>
    /// Batches from the one containing <paramref name="offset"/>, at most
    /// <paramref name="maxBytes"/> but at least that first batch, continuing into later segments;
    /// with where in which segment file each part of them came from, for <see cref="StoredBatchCheck"/>.
    /// </summary>
    public static StoredRead Read(Segment[] segments, int index, long offset, int maxBytes, int scratchSize)
    {
        var first = segments[index];
        long limit = first.CommittedSize;
        var (position, header) = first.FindBatch(offset, limit, scratchSize);
        long want = Math.Max(maxBytes, header.TotalSize);
        long available = limit - position;
        for (int j = index + 1; j < segments.Length && available < want; j++)
        {
            available += segments[j].CommittedSize;
        }
        var buffer = GC.AllocateUninitializedArray<byte>((int)Math.Min(want, available));
        int filled = (int)Math.Min(buffer.Length, limit - position);
        first.ReadExactly(buffer.AsSpan(0, filled), position);
        var firstPart = new StoredPart(first, position, 0, filled);
        // A later segment's part starts at its file's position 0; rare (a read crossing a roll), so listed only then.
        List<StoredPart>? later = null;
        for (int j = index + 1; j < segments.Length && filled < buffer.Length; j++)
        {
            var next = segments[j];
            if (!next.TryAcquire())
            {
                break;
            }
            try
            {
                int count = (int)Math.Min(buffer.Length - filled, next.CommittedSize);
                next.ReadExactly(buffer.AsSpan(filled, count), 0);
                (later ??= []).Add(new StoredPart(next, 0, filled, count));
                filled += count;
            }
            finally
            {
                next.Release();
            }
        }
        int length = ContiguousBatchesLength(buffer.AsSpan(0, filled));
        return new StoredRead(buffer.AsMemory(0, length), firstPart, later);
    }

    /// <summary>
    /// Length of the longest prefix of whole batches with dense offsets. The read may end inside a
    /// batch; and when it crosses into the next segment while a commit is under way it can miss
    /// the end of the first segment (its committed size was read before the commit, the next
    /// one's after), so a batch that does not follow on ends the result.
    /// </summary>
    private static int ContiguousBatchesLength(ReadOnlySpan<byte> bytes)
    {
        int end = 0;
        long expected = -1;
        while (BatchHeader.TryRead(bytes[end..], out var header))
        {
            if (header.BatchLength < BatchLayout.HeaderSize
                || end + header.TotalSize > bytes.Length
                || (expected >= 0 && header.BaseOffset != expected))
            {
                break;
            }
            expected = header.NextOffset;
            end += (int)header.TotalSize;
        }
        return end;
    }

    /// <summary>Index of the segment holding <paramref name="offset"/>: the last whose base is not above it.</summary>
    public static int FindSegment(Segment[] segments, long offset)
    {
        int lo = 0, hi = segments.Length - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (segments[mid].BaseOffset <= offset)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found;
    }
}
