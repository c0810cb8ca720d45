using System.Text.Json;

namespace Fluvio.Testing;

/// <summary>
/// The broker's ready event, the one JSON line it prints on stdout once it answers:
/// <c>{"event":"ready","grpc":…,"sc":…,"spu":…}</c>. Parsed here once for every test harness.
/// </summary>
public sealed record ReadyLine(Uri Grpc, string Sc, string Spu)
{
    /// <summary>The ready event, or null for any other line the broker prints.</summary>
    public static ReadyLine? TryParse(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        if (!root.TryGetProperty("event", out var kind) || kind.GetString() != "ready")
        {
            return null;
        }
        return new ReadyLine(
            new Uri(root.GetProperty("grpc").GetString()!),
            root.TryGetProperty("sc", out var sc) ? sc.GetString() ?? "" : "",
            root.TryGetProperty("spu", out var spu) ? spu.GetString() ?? "" : "");
    }
}
