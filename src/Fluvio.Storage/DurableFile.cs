using System.Runtime.InteropServices;
using System.Text;

namespace Fluvio.Storage;

/// <summary>
/// Small crash-safe file operations: a file is either the old or the new version after a crash,
/// and a new directory entry is on disk before we rely on it.
/// </summary>
internal static class DurableFile
{
    /// <summary>Suffix of files being written; any left over after a crash are deleted on open.</summary>
    public const string TempSuffix = ".tmp";

    /// <summary>Writes temp file, fsyncs it, renames it over <paramref name="path"/>, fsyncs the directory.</summary>
    public static void WriteAtomic(string path, ReadOnlySpan<byte> content)
    {
        string temp = path + TempSuffix;
        using (var handle = File.OpenHandle(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            RandomAccess.Write(handle, content, 0);
            RandomAccess.FlushToDisk(handle);
        }
        File.Move(temp, path, overwrite: true);
        SyncDirectory(Path.GetDirectoryName(path)!);
    }

    /// <summary>
    /// Makes creations, renames and deletions inside <paramref name="directory"/> durable. POSIX
    /// needs an fsync of the directory itself; .NET cannot open a directory, so this calls libc.
    /// Windows (NTFS journals its metadata) has no equivalent and needs none.
    /// </summary>
    public static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows() || s_unavailable)
        {
            return;
        }
        byte[] path = Encoding.UTF8.GetBytes(Path.GetFullPath(directory) + "\0");
        int fd;
        try
        {
            fd = Posix.open(path, 0 /* O_RDONLY */);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // A platform without a "libc" we can bind: fall back to what .NET itself guarantees.
            s_unavailable = true;
            return;
        }
        if (fd < 0)
        {
            throw new IOException($"Cannot open directory '{directory}' to fsync it (errno {Marshal.GetLastPInvokeError()}).");
        }
        try
        {
            // EINVAL: the file system cannot sync directories (some network and FUSE mounts).
            if (Posix.fsync(fd) != 0 && Marshal.GetLastPInvokeError() is int errno && errno != EINVAL)
            {
                throw new IOException($"fsync of directory '{directory}' failed (errno {errno}).");
            }
        }
        finally
        {
            Posix.close(fd);
        }
    }

    private const int EINVAL = 22; // same value on Linux and macOS

    private static volatile bool s_unavailable;

    private static class Posix
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int open(byte[] path, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int fsync(int fd);

        [DllImport("libc", SetLastError = true)]
        public static extern int close(int fd);
    }
}
