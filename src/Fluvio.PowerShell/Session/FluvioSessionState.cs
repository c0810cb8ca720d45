using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using Fluvio.Client;

namespace Fluvio.PowerShell;

/// <summary>
/// What Connect-Fluvio sets, per runspace (so two sessions in one process do not share
/// defaults), and the open clients, per endpoint (a gRPC channel is safe to share).
/// </summary>
internal static class FluvioSessionState
{
    private static readonly ConditionalWeakTable<Runspace, Defaults> PerRunspace = new();
    private static readonly ConcurrentDictionary<Uri, Lazy<FluvioClient>> Clients = new();

    internal sealed class Defaults
    {
        public Uri? Endpoint { get; set; }
        public string? Topic { get; set; }
    }

    public static Defaults Current => PerRunspace.GetValue(Runspace.DefaultRunspace, _ => new Defaults());

    /// <summary>A broker started with --token-file needs its token: scripts pass it as $env:FLUVIO_TOKEN, never on a command line.</summary>
    public const string TokenVariable = "FLUVIO_TOKEN";

    public static FluvioClient ClientFor(Uri endpoint) =>
        Clients.GetOrAdd(endpoint, e => new Lazy<FluvioClient>(() => FluvioClient.Create(e, new FluvioClientOptions
        {
            Token = Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token ? token.Trim() : null,
        }))).Value;

    /// <summary>Forgets a client whose broker went away, so the next call connects afresh.</summary>
    public static void Forget(Uri endpoint)
    {
        if (Clients.TryRemove(endpoint, out var client) && client.IsValueCreated)
        {
            _ = client.Value.DisposeAsync().AsTask();
        }
    }

    public static void CloseClients()
    {
        foreach (var endpoint in Clients.Keys)
        {
            Forget(endpoint);
        }
    }
}
