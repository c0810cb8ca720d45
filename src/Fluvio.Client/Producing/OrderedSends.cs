namespace Fluvio.Client;

/// <summary>
/// A producer's sends, settled in the order they were made: what a caller that reports each
/// record's result (a pipeline's -PassThru, its error messages) needs. Acknowledgements arrive
/// per partition and out of order; this hands them back oldest first, each with the caller's own
/// <typeparamref name="TTag"/> (the input it came from, a key to show).
/// </summary>
/// <remarks>Single consumer: not safe for concurrent calls.</remarks>
public sealed class OrderedSends<TTag>
{
    private readonly Queue<(ProduceFuture Future, TTag Tag)> _sends = new();

    /// <summary>Sends not taken yet.</summary>
    public int Count => _sends.Count;

    /// <summary>True when the oldest send has its outcome.</summary>
    public bool OldestSettled => _sends.Count > 0 && _sends.Peek().Future.IsCompleted;

    public void Add(ProduceFuture future, TTag tag) => _sends.Enqueue((future, tag));

    /// <summary>
    /// Removes the oldest send and returns its outcome, waiting for it if needed. A failed send is
    /// an outcome (its <see cref="SendOutcome{TTag}.Error"/>), not an exception; cancelling
    /// <paramref name="ct"/> throws <see cref="OperationCanceledException"/> and keeps the send.
    /// </summary>
    public SendOutcome<TTag> TakeOldest(CancellationToken ct)
    {
        var (future, tag) = _sends.Peek();
        if (!future.IsCompleted)
        {
            try
            {
                future.AsTask().Wait(ct);
            }
            catch (AggregateException)
            {
                // Failed: the future's Error says how, below.
            }
        }
        _sends.Dequeue();
        return future.Error is { } error ? new SendOutcome<TTag>(tag, default, error) : new SendOutcome<TTag>(tag, future.Result, null);
    }
}

/// <summary>One send's outcome: where the record was stored, or why it was not.</summary>
public readonly record struct SendOutcome<TTag>(TTag Tag, RecordMetadata Metadata, FluvioException? Error);
