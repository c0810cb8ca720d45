namespace Fluvio.PowerShell;

/// <summary>The session's default broker and topic (Connect-Fluvio -PassThru).</summary>
public sealed class FluvioConnection(Uri endpoint, string? topic)
{
    public Uri Endpoint { get; } = endpoint;
    public string? Topic { get; } = topic;
}
