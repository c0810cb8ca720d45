namespace Fluvio.Storage;

/// <summary>
/// Which sealed segments retention deletes, and deleting them.
/// </summary>
/// <remarks>
/// Age is the <c>.log</c> file's last-write time. A sealed segment is never written again, so
/// that is when its newest batch was stored, by the broker's own clock. Batch timestamps were
/// considered and rejected: they are the producer's (possibly -1, skewed, or far in the future)
/// and would need a read per segment. Only a prefix of the log is deleted (oldest first), the
/// active segment never, nor a sealed one whose records are not all acknowledged yet.
/// </remarks>
internal static class Retention
{
    /// <summary>How many of the oldest segments are expired by age or by the partition's size.</summary>
    public static int CountExpired(Segment[] segments, long endOffset, long sizeBytes, TopicConfig config, DateTime utcNow, out long bytes)
    {
        bytes = 0;
        int count = 0;
        while (count < segments.Length - 1 && segments[count + 1].BaseOffset <= endOffset)
        {
            var segment = segments[count];
            bool tooLarge = sizeBytes - bytes > config.MaxPartitionSize;
            if (!tooLarge && utcNow - File.GetLastWriteTimeUtc(segment.LogPath) <= config.Retention)
            {
                break;
            }
            bytes += segment.CommittedSize;
            count++;
        }
        return count;
    }

    /// <summary>
    /// Deletes the files oldest first, fsyncing the directory after each, so a crash can never
    /// leave a gap in the middle of the log (which recovery would have to fence). Stops at the
    /// first failure for the same reason. Handles close once no read uses them any more.
    /// </summary>
    public static void DeleteFiles(Segment[] expired, string directory, string label, Action<string>? log)
    {
        bool deleting = true;
        foreach (var segment in expired)
        {
            if (deleting)
            {
                try
                {
                    File.Delete(segment.LogPath);
                    File.Delete(segment.IndexPath);
                    DurableFile.SyncDirectory(directory);
                    log?.Invoke($"Retention of {label}: deleted segment '{segment.LogPath}' ({segment.CommittedSize} bytes, offsets {segment.BaseOffset} to {segment.CommittedNextOffset - 1}).");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    log?.Invoke($"Retention of {label}: could not delete '{segment.LogPath}', will retry after a restart: {ex.Message}");
                    deleting = false;
                }
            }
            segment.Release();
        }
    }
}
