using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using Fluvio.Client;

namespace Fluvio.PowerShell;

/// <summary>
/// What Connect-Fluvio sets, per runspace (so two sessions in one process do not share
/// defaults), and the open clients, per endpoint and options (a client is safe to share; two
/// profiles with different TLS settings for one endpoint are two clients).
/// </summary>
internal static class FluvioSessionState
{
    private static readonly ConditionalWeakTable<Runspace, Defaults> PerRunspace = new();
    private static readonly ConcurrentDictionary<(Uri Endpoint, FluvioClientOptions Options), Lazy<FluvioClient>> Clients = new();

    internal sealed class Defaults
    {
        public ConnectionTarget? Connection { get; set; }
        public string? Topic { get; set; }
    }

    public static Defaults Current => PerRunspace.GetValue(Runspace.DefaultRunspace, _ => new Defaults());

    /// <summary>
    /// A broker started with --token-file needs its token: scripts pass it as $env:FLUVIO_TOKEN
    /// (or Connect-Fluvio -Token), never on a command line. Tokens are gRPC's: the native
    /// protocol authenticates with client certificates, so the variable is not applied there.
    /// </summary>
    public const string TokenVariable = "FLUVIO_TOKEN";

    /// <summary>The client for <paramref name="target"/>; a client that cannot be created is not kept, so the next call tries afresh.</summary>
    public static FluvioClient ClientFor(ConnectionTarget target)
    {
        // The token is part of the key: a changed $env:FLUVIO_TOKEN gets a new client.
        var key = (target.Endpoint, WithToken(target.Endpoint, target.Options));
        var client = Clients.GetOrAdd(key, k => new Lazy<FluvioClient>(() => FluvioClient.Create(k.Endpoint, k.Options)));
        try
        {
            return client.Value;
        }
        catch
        {
            Clients.TryRemove(new(key, client));
            throw;
        }
    }

    /// <summary>Forgets the clients of a broker that went away, so the next call connects afresh.</summary>
    public static void Forget(Uri endpoint)
    {
        foreach (var key in Clients.Keys.Where(k => k.Endpoint == endpoint))
        {
            if (Clients.TryRemove(key, out var client) && client.IsValueCreated)
            {
                _ = client.Value.DisposeAsync().AsTask();
            }
        }
    }

    public static void CloseClients()
    {
        foreach (var endpoint in Clients.Keys.Select(k => k.Endpoint).Distinct())
        {
            Forget(endpoint);
        }
    }

    private static FluvioClientOptions WithToken(Uri endpoint, FluvioClientOptions options) =>
        options.Token is null && endpoint.Scheme != FluvioClient.NativeScheme && Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token
            ? options with { Token = token.Trim() }
            : options;
}
