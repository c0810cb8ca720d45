using System.Text.Json;
using System.Text.Json.Serialization;

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

    /// <summary>A start refused for its options (e.g. NativeUnauthenticated): exit code 2, as any usage error.</summary>
    public static int Report(string error, string message)
    {
        Console.Error.WriteLine($"fluvio-broker: {message}");
        Console.Out.WriteLine(JsonSerializer.Serialize(new FailedEvent("failed", error, "", 0, message), BrokerJson.Default.FailedEvent));
        Console.Out.Flush();
        return 2;
    }

    public static int Report(PortInUseException e)
    {
        Console.Error.WriteLine($"fluvio-broker: {e.Message} {e.Option} chooses another ({e.Option} 0 picks a free one).");
        Console.Out.WriteLine(JsonSerializer.Serialize(new FailedEvent("failed", "PortInUse", e.Listener, e.Port, e.Message), BrokerJson.Default.FailedEvent));
        Console.Out.Flush();
        return PortInUseExitCode;
    }
}

/// <summary>The stdout event of a broker that could not start; the ready line's counterpart.</summary>
internal sealed record FailedEvent(
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("listener")] string Listener,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("message")] string Message);
