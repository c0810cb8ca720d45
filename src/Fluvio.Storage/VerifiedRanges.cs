namespace Fluvio.Storage;

/// <summary>
/// The byte ranges of one segment file whose batches passed their CRC-32C check in this process
/// (recovery's full scan of an active segment, or an earlier read), so a read checks each stored
/// batch once instead of every time it is served. Ranges are batch-aligned (each one is a union of
/// whole batches) and kept merged, oldest position first; a consumer reading forward grows one
/// range. Safe from many readers.
/// </summary>
/// <remarks>
/// Committed bytes are never rewritten in place (a rewind cuts only uncommitted ones, retention
/// deletes whole files), so what was verified stays verified for the life of the segment object;
/// a restart forgets it, and recovery decides again.
/// </remarks>
internal sealed class VerifiedRanges
{
    /// <summary>Readers that jump around could leave many islands; past this many, new islands are not remembered (they are checked again instead).</summary>
    internal const int MaxRanges = 64;

    private readonly object _lock = new();
    private readonly List<(long Start, long End)> _ranges = [];

    /// <summary>How many separate ranges are remembered (tests).</summary>
    internal int Count
    {
        get
        {
            lock (_lock)
            {
                return _ranges.Count;
            }
        }
    }

    /// <summary>
    /// Where checking [<paramref name="start"/>, <paramref name="end"/>) has to begin: the end of
    /// the verified range holding <paramref name="start"/> (at most <paramref name="end"/>), else
    /// <paramref name="start"/> itself.
    /// </summary>
    public long VerifiedUpTo(long start, long end)
    {
        lock (_lock)
        {
            foreach (var (from, to) in _ranges)
            {
                if (from > start)
                {
                    break;
                }
                if (start < to)
                {
                    return Math.Min(to, end);
                }
            }
            return start;
        }
    }

    /// <summary>Remembers that the whole batches in [<paramref name="start"/>, <paramref name="end"/>) passed their check.</summary>
    public void Add(long start, long end)
    {
        if (end <= start)
        {
            return;
        }
        lock (_lock)
        {
            // First range that ends at or after start: it and any after it that start by end merge.
            int i = 0;
            while (i < _ranges.Count && _ranges[i].End < start)
            {
                i++;
            }
            int j = i;
            while (j < _ranges.Count && _ranges[j].Start <= end)
            {
                start = Math.Min(start, _ranges[j].Start);
                end = Math.Max(end, _ranges[j].End);
                j++;
            }
            if (j > i)
            {
                _ranges.RemoveRange(i + 1, j - i - 1);
                _ranges[i] = (start, end);
            }
            else if (_ranges.Count < MaxRanges)
            {
                _ranges.Insert(i, (start, end));
            }
        }
    }
}
