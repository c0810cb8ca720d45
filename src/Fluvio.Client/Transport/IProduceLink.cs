namespace Fluvio.Client;

/// <summary>
/// One attempt at carrying a producer's requests. It breaks once, for the first cause (a failed
/// read or write, the peer closing, a request timing out); breaking ends every pending read and
/// write and cancels <see cref="BrokenToken"/>, which wakes the sender. The sender then opens a
/// new link and resends what is unanswered.
/// </summary>
internal interface IProduceLink : IDisposable
{
    CancellationToken BrokenToken { get; }

    bool IsBroken { get; }

    Exception? Failure { get; }

    void Break(Exception cause);

    /// <summary>Sends a request without waiting for its answer; a failure breaks the link.</summary>
    Task SendAsync(ProduceCall call);

    /// <summary>Delivers every answer to <paramref name="onAnswer"/> until the link breaks or closes.</summary>
    Task ReadAsync(Action<ProduceAnswer> onAnswer);

    /// <summary>After everything is answered: a graceful end, bounded by <paramref name="grace"/>.</summary>
    Task CloseAsync(TimeSpan grace);
}
