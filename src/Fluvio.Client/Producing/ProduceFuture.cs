namespace Fluvio.Client;

/// <summary>
/// The outcome of one sent record: a reference to its batch's completion and its index in that
/// batch, so no per-record task exists unless <see cref="AsTask"/> asks for one.
/// </summary>
public readonly struct ProduceFuture
{
    private readonly ProducerBatch? _batch;
    private readonly int _index;

    internal ProduceFuture(ProducerBatch batch, int index)
    {
        _batch = batch;
        _index = index;
    }

    /// <summary>The partition the record was routed to.</summary>
    public int Partition => Batch.Partition;

    /// <summary>True once the record is acknowledged or has failed.</summary>
    public bool IsCompleted => Batch.IsCompleted;

    /// <summary>True once the record has failed; <see cref="Error"/> says why.</summary>
    public bool IsFaulted => Batch.Error is not null;

    /// <summary>Why the record failed, or null (also while it is pending).</summary>
    public FluvioException? Error => Batch.Error;

    /// <summary>
    /// Partition and offset of the acknowledged record. Blocks while the record is pending (call
    /// <see cref="TopicProducer.FlushAsync"/> first to avoid that); throws the
    /// <see cref="FluvioException"/> if it failed.
    /// </summary>
    public RecordMetadata Result => Batch.ResultAt(_index);

    public async Task<RecordMetadata> AsTask()
    {
        var batch = Batch;
        await batch.Done.ConfigureAwait(false);
        return batch.ResultAt(_index);
    }

    public ValueTask<RecordMetadata> WaitAsync()
    {
        var batch = Batch;
        if (!batch.IsCompleted)
        {
            return new ValueTask<RecordMetadata>(AsTask());
        }
        return batch.Error is { } error
            ? ValueTask.FromException<RecordMetadata>(error)
            : new ValueTask<RecordMetadata>(batch.ResultAt(_index));
    }

    private ProducerBatch Batch => _batch ?? throw new InvalidOperationException("This ProduceFuture was not returned by a producer.");
}
