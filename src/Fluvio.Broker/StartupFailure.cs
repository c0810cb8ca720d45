using System.Text.Json;

namespace Fluvio.Broker;

/// <summary>
/// How the broker says it could not start listening: one line for a person on stderr, and one
/// event line on stdout (which carries only machine-readable events) for the launcher, so the
/// module can tell its user which port is taken without showing a stack trace.
/// </summary>
internal static class StartupFailure
{
    /// <summary>The exit code of a broker whose port is taken (2 is a usage error, 1 any other failure).</summary>
    public const int PortInUseExitCode = 3;

    public static int Report(PortInUseException e)
    {
        Console.Error.WriteLine($"fluvio-broker: {e.Message} {e.Option} chooses another ({e.Option} 0 picks a free one).");
        using (var json = new Utf8JsonWriter(Console.OpenStandardOutput()))
        {
            json.WriteStartObject();
            json.WriteString("event", "failed");
            json.WriteString("error", "PortInUse");
            json.WriteString("listener", e.Listener);
            json.WriteNumber("port", e.Port);
            json.WriteString("message", e.Message);
            json.WriteEndObject();
        }
        Console.Out.WriteLine();
        Console.Out.Flush();
        return PortInUseExitCode;
    }
}
