using System.Runtime.InteropServices;

namespace Fluvio.Broker;

/// <summary>
/// Moves the broker into a session of its own. A broker started from an interactive shell is
/// otherwise in the shell's process group and would receive the Ctrl+C meant for the shell.
/// </summary>
internal static class Detach
{
    public static void FromTerminal()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = SetSid();
        }
    }

    [DllImport("libc", EntryPoint = "setsid")]
    private static extern int SetSid();
}
