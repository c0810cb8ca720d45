namespace Fluvio.Client;

/// <summary>What the producer does with requests in flight when its connection breaks.</summary>
public enum DeliverySemantic
{
    /// <summary>Never resend: records in flight on a broken stream fail.</summary>
    AtMostOnce,

    /// <summary>Reconnect and resend every unacknowledged request, in order (a record may be stored twice).</summary>
    AtLeastOnce,
}
