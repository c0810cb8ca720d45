using System.Diagnostics;

namespace Fluvio.Reliability.Tests;

/// <summary>
/// A small ext4 file system in an image file, loop-mounted, so a test can fill a real disk.
/// Needs root and a kernel that allows loop mounts; <see cref="TryCreate"/> says why not
/// otherwise, and the caller falls back to the storage's fault-injection hook.
/// </summary>
internal sealed class LoopFilesystem : IDisposable
{
    private readonly string _root;
    private int _disposed;

    private LoopFilesystem(string root, string mountPoint)
    {
        _root = root;
        MountPoint = mountPoint;
        // Unmounted even if the test is abandoned (a timeout skips its cleanup).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    public string MountPoint { get; }

    public static LoopFilesystem? TryCreate(int megabytes, out string why)
    {
        string root = Directory.CreateTempSubdirectory("fluvio-loopfs-").FullName;
        string image = Path.Combine(root, "disk.img");
        string mountPoint = Path.Combine(root, "mnt");
        Directory.CreateDirectory(mountPoint);
        // -m 0: no blocks reserved for root, so "full" means full for the broker too.
        if (Run("truncate", $"-s {megabytes}M {image}", out why) && Run("mkfs.ext4", $"-q -m 0 {image}", out why)
            && Run("mount", $"-o loop {image} {mountPoint}", out why))
        {
            return new LoopFilesystem(root, mountPoint); // the image lives in root, deleted with it
        }
        TempData.Delete(root);
        return null;
    }

    /// <summary>Writes zeros until the file system refuses more; returns the filler's path.</summary>
    public string Fill()
    {
        string filler = Path.Combine(MountPoint, "filler");
        var chunk = new byte[64 * 1024];
        using var file = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        try
        {
            for (int i = 0; i < 100_000; i++)
            {
                file.Write(chunk);
            }
        }
        catch (IOException)
        {
            // Full. Blocks already taken stay taken.
        }
        return filler;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        if (!Run("umount", MountPoint, out _))
        {
            Run("umount", $"-l {MountPoint}", out _); // still busy: detach now, released when the last file closes
        }
        TempData.Delete(_root);
    }

    private static bool Run(string program, string arguments, out string why)
    {
        try
        {
            var start = new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true };
            using var process = Process.Start(start)!;
            string error = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(30_000))
            {
                process.Kill();
                why = $"{program} did not finish";
                return false;
            }
            why = process.ExitCode == 0 ? "" : $"{program} {arguments}: exit {process.ExitCode}: {error.Trim()}";
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            why = $"{program}: {e.Message}";
            return false;
        }
    }
}
