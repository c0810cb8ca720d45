namespace Fluvio.PowerShell;

/// <summary>The session's default broker and topic (Connect-Fluvio -PassThru), and the Fluvio profile the broker came from.</summary>
public sealed class FluvioConnection(Uri endpoint, string? topic, string? profile = null)
{
    public Uri Endpoint { get; } = endpoint;
    public string? Topic { get; } = topic;
    public string? Profile { get; } = profile;
}
