namespace Fluvio.Client;

/// <summary>
/// How <see cref="FluvioClient.WaitForConsumerLagAsync"/> ended: <see cref="CaughtUp"/> when the
/// lag fell to the bound, else the time ran out; <see cref="Partitions"/> is the last reading.
/// </summary>
public sealed record ConsumerLagWait(bool CaughtUp, IReadOnlyList<ConsumerLag> Partitions)
{
    /// <summary>How often the lag is read while waiting: often enough for a script's gate, rare enough to cost the broker nothing.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(250);

    public long TotalLag => ConsumerLag.Total(Partitions);
}
