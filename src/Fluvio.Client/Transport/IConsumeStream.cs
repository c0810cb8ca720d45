namespace Fluvio.Client;

/// <summary>
/// One partition's batches as they arrive. The first chunk carries the start and stop
/// offsets. Failures surface as <see cref="FluvioException"/>; a cancellation the caller asked
/// for as <see cref="OperationCanceledException"/>.
/// </summary>
internal interface IConsumeStream : IAsyncDisposable
{
    /// <summary>False when the stream ended normally.</summary>
    ValueTask<bool> MoveNextAsync(CancellationToken ct);

    ConsumedChunk Current { get; }
}
