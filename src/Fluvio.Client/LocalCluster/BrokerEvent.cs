using System.Text.Json;

namespace Fluvio.Client;

/// <summary>
/// What the broker process says on stdout about its start, one JSON line: <c>{"event":"ready",
/// "grpc":…,"sc":…,"spu":…}</c> once it answers, or <c>{"event":"failed","error":"PortInUse",
/// "message":…}</c> when it cannot. Read in this one place, by the local cluster and by every
/// harness that runs the broker.
/// </summary>
public abstract record BrokerEvent
{
    /// <summary>The event a line carries, or null for any other line.</summary>
    public static BrokerEvent? TryParse(string line)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            return Text(root, "event") switch
            {
                "ready" => new BrokerReady(new Uri(Text(root, "grpc") ?? throw new JsonException("a ready event without its gRPC address")), Text(root, "sc"), Text(root, "spu")),
                "failed" => new BrokerFailed(Text(root, "error") ?? "", Text(root, "message") ?? ""),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>The broker answers: its gRPC endpoint and, unless started without them, its native SC and SPU addresses.</summary>
public sealed record BrokerReady(Uri Grpc, string? Sc, string? Spu) : BrokerEvent;

/// <summary>The broker could not start: why (e.g. <c>PortInUse</c>) and its one-line message.</summary>
public sealed record BrokerFailed(string Error, string Message) : BrokerEvent;
