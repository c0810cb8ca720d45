namespace Fluvio.Storage;

/// <summary>
/// Rebuilds a partition's segments from its directory when the store opens.
/// </summary>
/// <remarks>
/// Policy, and why:
/// <list type="bullet">
/// <item>The active (newest) segment holds everything written since the last roll, including
/// writes a crash may have torn. After an unclean stop every batch in it is CRC-checked
/// (<c>RecordBatch.TryValidate</c>) and offsets must be dense; the file is truncated after the
/// last whole valid batch and the cut is logged. In Fsync mode nothing cut was ever acknowledged:
/// an acknowledgement follows the fsync that covered all earlier bytes, so a torn or corrupt
/// tail can only hold unacknowledged appends.</item>
/// <item>Sealed segments were fsynced (log and index) before the roll that sealed them, so they are
/// trusted: their index is loaded and checked, the log is header-walked from the last index entry
/// to its end (the whole file when the index is missing or inconsistent, and the index is then
/// rebuilt). CRCs are not recomputed, so a clean or unclean open stays fast for large logs;
/// instead every batch is CRC-checked on its first read (<see cref="StoredBatchCheck"/>), and a
/// damaged one fences the partition then, so a bit that flipped on disk is never served.</item>
/// <item>Damage inside a sealed segment (a torn or inconsistent batch, a gap in offsets between
/// segments) is not cut: later segments hold acknowledged records that truncating would
/// silently drop. The partition is fenced instead: reads and appends fail with
/// <see cref="FluvioErrorCode.StorageFailure"/> naming the file and the problem, nothing on disk is
/// changed so an operator can inspect it, and every other partition keeps working.</item>
/// <item>After a clean stop (marker present) the active segment is treated like a sealed one; only
/// if that walk finds damage does it fall back to the full CRC scan and cut.</item>
/// </list>
/// </remarks>
internal static class Recovery
{
    private const int CrcScanChunk = 1 << 20;
    private const int HeaderWalkChunk = 64 << 10;

    /// <summary>The partition's segments, oldest first; empty with <paramref name="fence"/> set when fenced.</summary>
    public static Segment[] RecoverPartition(FileHandleCache files, string directory, string label, bool clean, StorageOptions options, out string? fence)
    {
        fence = null;
        var segments = new List<Segment>();
        try
        {
            Directory.CreateDirectory(directory);
            var bases = ListSegments(directory, options.Log);
            if (bases.Count == 0)
            {
                segments.Add(Segment.Create(files, directory, 0, options.IndexIntervalBytes));
                DurableFile.SyncDirectory(directory);
                return [.. segments];
            }
            for (int i = 0; i < bases.Count; i++)
            {
                var segment = Segment.Open(files, directory, bases[i], options.IndexIntervalBytes);
                segments.Add(segment);
                if (i > 0 && segment.BaseOffset != segments[i - 1].WrittenNextOffset)
                {
                    fence = $"'{segment.LogPath}' starts at offset {segment.BaseOffset} but the segment before it ends at offset {segments[i - 1].WrittenNextOffset}";
                    break;
                }
                if (i < bases.Count - 1)
                {
                    string? problem = RecoverByIndex(segment, options);
                    if (problem is not null)
                    {
                        fence = $"sealed segment '{segment.LogPath}' is damaged: {problem}";
                        break;
                    }
                }
                else if (!clean)
                {
                    RecoverActiveByScan(segment, label, options);
                }
                else if (RecoverByIndex(segment, options) is { } problem)
                {
                    options.Log?.Invoke($"Recovery of {label}: the active segment '{segment.LogPath}' failed its check after a clean stop ({problem}); scanning it.");
                    RecoverActiveByScan(segment, label, options);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or StorageException)
        {
            fence = $"recovery failed: {ex.Message}";
        }
        if (fence is null)
        {
            return [.. segments];
        }
        foreach (var segment in segments)
        {
            segment.Release();
        }
        options.Log?.Invoke($"Recovery of {label}: partition fenced, it refuses reads and writes until repaired: {fence}.");
        return [];
    }

    /// <summary>Base offsets of the <c>.log</c> files, sorted; removes leftovers that cannot matter.</summary>
    private static List<long> ListSegments(string directory, Action<string>? log)
    {
        var bases = new List<long>();
        var indexes = new List<string>();
        foreach (string path in Directory.EnumerateFiles(directory))
        {
            string name = Path.GetFileName(path);
            string extension = Path.GetExtension(name);
            if (extension == DurableFile.TempSuffix)
            {
                File.Delete(path);
            }
            else if (extension == Segment.LogExtension && Segment.TryParseStem(Path.GetFileNameWithoutExtension(name), out long baseOffset))
            {
                bases.Add(baseOffset);
            }
            else if (extension == Segment.IndexExtension)
            {
                indexes.Add(path);
            }
            else
            {
                log?.Invoke($"Recovery: ignoring unexpected file '{path}'.");
            }
        }
        bases.Sort();
        foreach (string index in indexes)
        {
            // An index whose log was deleted by retention just before a crash.
            if (!Segment.TryParseStem(Path.GetFileNameWithoutExtension(index), out long baseOffset) || bases.BinarySearch(baseOffset) < 0)
            {
                File.Delete(index);
            }
        }
        return bases;
    }

    /// <summary>Trusts a fsynced segment: loads its index and header-walks the rest. Returns a problem or null.</summary>
    private static string? RecoverByIndex(Segment segment, StorageOptions options)
    {
        using var file = segment.RentHandle();
        long length = RandomAccess.GetLength(file.Handle);
        var scanner = new SegmentScanner(file.Handle, length, HeaderWalkChunk);
        int interval = options.IndexIntervalBytes;
        if (SegmentIndex.TryLoad(segment.IndexPath, length, interval, out var index, out string why))
        {
            int loaded = index.Count;
            var (relative, position) = index.Last;
            var tail = scanner.Walk(position, segment.BaseOffset, segment.BaseOffset + relative, verifyCrc: false, index);
            if (tail.Problem is null)
            {
                segment.Recovered(length, tail.NextOffset, index);
                if (index.Count != loaded)
                {
                    index.WriteFile(segment.IndexPath);
                }
                return null;
            }
            why = $"it does not match the log ({tail.Problem})";
        }
        options.Log?.Invoke($"Recovery: rebuilding index '{segment.IndexPath}': {why}.");
        index = new SegmentIndex(interval);
        var walk = scanner.Walk(0, segment.BaseOffset, segment.BaseOffset, verifyCrc: false, index);
        if (walk.Problem is not null)
        {
            return walk.Problem;
        }
        segment.Recovered(length, walk.NextOffset, index);
        index.WriteFile(segment.IndexPath);
        return null;
    }

    /// <summary>CRC-checks every batch of the active segment and cuts a torn or corrupt tail.</summary>
    private static void RecoverActiveByScan(Segment segment, string label, StorageOptions options)
    {
        using var file = segment.RentHandle();
        long length = RandomAccess.GetLength(file.Handle);
        var index = new SegmentIndex(options.IndexIntervalBytes);
        var scan = new SegmentScanner(file.Handle, length, CrcScanChunk)
            .Walk(0, segment.BaseOffset, segment.BaseOffset, verifyCrc: true, index);
        if (scan.Problem is not null)
        {
            RandomAccess.SetLength(file.Handle, scan.ValidEnd);
            RandomAccess.FlushToDisk(file.Handle);
            options.Log?.Invoke(
                $"Recovery of {label}: cut {length - scan.ValidEnd} bytes from '{segment.LogPath}' at position {scan.ValidEnd} (offset {scan.NextOffset}): {scan.Problem}.");
        }
        segment.Recovered(scan.ValidEnd, scan.NextOffset, index);
        // Every CRC up to there was just computed: reads need not compute them again.
        segment.Verified.Add(0, scan.ValidEnd);
        index.WriteFile(segment.IndexPath);
    }
}
