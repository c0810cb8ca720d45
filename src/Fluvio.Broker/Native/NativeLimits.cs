namespace Fluvio.Broker.Native;

/// <summary>
/// What one hostile or broken client may cost the native listeners (issue 12, items 3, 5 and 7).
/// Each has a broker flag (BrokerOptions); docs/SECURITY.md says why each default is what it is.
/// </summary>
internal sealed record NativeLimits
{
    /// <summary>Open connections per listener; past it a new connection is accepted and closed at once.</summary>
    public int MaxConnections { get; init; } = 1024;

    /// <summary>A connection's first whole request must arrive within this (after TLS, which has its own bound).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A connection with no request being served and no stream or watch open is closed after this
    /// long without a request; a started frame must also complete within it, streams or not.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Bytes of incomplete request frames held across all connections of the broker.</summary>
    public long MaxPendingFrameBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Bytes of answers built but not yet written on one connection (and so the most a stream frame or Fetch reads).</summary>
    public int MaxConnectionResponseBytes { get; init; } = 16 * 1024 * 1024;
}
