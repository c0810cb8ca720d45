using Proto = Fluvio.Protocol.Grpc;

namespace Fluvio.Client;

/// <summary>
/// One partition's records as they arrive. The first response carries the start and stop
/// offsets. Failures surface as <see cref="FluvioException"/>; a cancellation the caller asked
/// for as <see cref="OperationCanceledException"/>.
/// </summary>
internal interface IConsumeStream : IAsyncDisposable
{
    /// <summary>False when the stream ended normally.</summary>
    ValueTask<bool> MoveNextAsync(CancellationToken ct);

    Proto.ConsumeResponse Current { get; }
}
