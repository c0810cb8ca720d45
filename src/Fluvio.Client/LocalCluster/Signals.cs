using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Fluvio.Client.LocalCluster;

/// <summary>Asks a process to stop the way a service manager would, so the broker can shut down cleanly.</summary>
internal static class Signals
{
    private const int SigTerm = 15;

    public static void Terminate(Process process)
    {
        if (OperatingSystem.IsWindows())
        {
            // No SIGTERM on Windows; the broker's storage recovers from a hard stop.
            process.Kill();
            return;
        }
        _ = Kill(process.Id, SigTerm);
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
