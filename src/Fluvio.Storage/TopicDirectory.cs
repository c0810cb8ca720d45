using System.Globalization;

namespace Fluvio.Storage;

/// <summary>
/// Creating and removing a topic's directory so that a crash leaves the whole topic or none of
/// it: both go through a work folder and one atomic directory rename.
/// </summary>
internal static class TopicDirectory
{
    /// <summary>
    /// Builds <c>topic.json</c> and the partition folders under <paramref name="workRoot"/>, then
    /// renames the result to <c>&lt;topicsRoot&gt;/&lt;name&gt;</c>. The name is already validated.
    /// </summary>
    public static string Create(string topicsRoot, string workRoot, TopicConfig config, Action<string>? log)
    {
        string directory = Path.Combine(topicsRoot, config.Name);
        if (Directory.Exists(directory))
        {
            throw new StorageException(
                FluvioErrorCode.StorageFailure,
                $"'{directory}' exists but holds no readable topic (see the log of the last open); move it away to reuse the name.");
        }
        string staging = Path.Combine(workRoot, $"create-{config.Name}-{Guid.NewGuid():N}");
        try
        {
            for (int p = 0; p < config.Partitions; p++)
            {
                Directory.CreateDirectory(Path.Combine(staging, p.ToString(CultureInfo.InvariantCulture)));
            }
            TopicConfigFile.Write(staging, config); // also fsyncs the staging directory
            Directory.Move(staging, directory);
            DurableFile.SyncDirectory(topicsRoot);
            return directory;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(staging, log);
            throw new StorageException(FluvioErrorCode.StorageFailure, $"Cannot create topic '{config.Name}': {ex.Message}", ex);
        }
    }

    /// <summary>Renames the topic's directory into the work folder (atomic), then deletes it.</summary>
    public static void Remove(string directory, string topicsRoot, string workRoot, Action<string>? log)
    {
        string trash = Path.Combine(workRoot, $"delete-{Path.GetFileName(directory)}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(workRoot);
            Directory.Move(directory, trash);
            DurableFile.SyncDirectory(topicsRoot);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(FluvioErrorCode.StorageFailure, $"Cannot delete '{directory}': {ex.Message}", ex);
        }
        TryDelete(trash, log);
    }

    /// <summary>Best effort; whatever is left in the work folder goes at the next open.</summary>
    public static void TryDelete(string directory, Action<string>? log)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log?.Invoke($"Could not remove '{directory}' now; the next open will: {ex.Message}");
        }
    }
}
