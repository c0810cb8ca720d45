namespace Fluvio.Client;

/// <summary>
/// One <see cref="ProduceCall"/> from the moment it is packed until its response settles every batch in
/// it. Kept as built so that a reconnect resends exactly the same bytes.
/// </summary>
internal sealed class PendingRequest
{
    public PendingRequest(ProduceCall call, IReadOnlyList<Entry> entries, int bytes)
    {
        Call = call;
        Entries = entries;
        Bytes = bytes;
    }

    public ulong Id => Call.Id;

    public ProduceCall Call { get; }

    /// <summary>One per partition, batches in the order they were sealed.</summary>
    public IReadOnlyList<Entry> Entries { get; }

    /// <summary>Batch bytes in the request.</summary>
    public int Bytes { get; }

    /// <summary>When the request was last written, on the monotonic clock (ms).</summary>
    public long SentAtTicks { get; set; }

    public IEnumerable<ProducerBatch> Batches => Entries.SelectMany(e => e.Batches);

    public void Fail(FluvioException error)
    {
        foreach (var batch in Batches)
        {
            batch.Fail(error);
        }
    }

    /// <summary>
    /// Settles every batch from the broker's answer: base offsets one per batch, or the entry's
    /// error. A partition the answer leaves out fails, so nothing waits forever.
    /// </summary>
    public void Complete(ProduceAnswer answer, string topic)
    {
        foreach (var result in answer.Partitions)
        {
            if (Entries.FirstOrDefault(e => e.Partition == result.Partition) is not { } entry)
            {
                continue;
            }
            if (result.Error is { } error)
            {
                entry.Fail(EntryError(error, topic, entry));
            }
            else if (result.BaseOffsets.Count != entry.Batches.Count)
            {
                entry.Fail(new FluvioException(FluvioErrorCode.Unknown,
                    $"The broker acknowledged {result.BaseOffsets.Count} batches of the {entry.Batches.Count} sent to partition {entry.Partition} of topic '{topic}'."));
            }
            else
            {
                for (int i = 0; i < entry.Batches.Count; i++)
                {
                    entry.Batches[i].Succeed(result.BaseOffsets[i]);
                }
            }
        }
        foreach (var entry in Entries)
        {
            entry.Fail(new FluvioException(FluvioErrorCode.Unknown,
                $"The broker's answer to a produce request left out partition {entry.Partition} of topic '{topic}'."));
        }
    }

    private static FluvioException EntryError(FluvioException mapped, string topic, Entry entry)
    {
        if (mapped.Code == FluvioErrorCode.RecordTooLarge && entry.Batches is [{ Count: 1 } single])
        {
            return new FluvioException(FluvioErrorCode.RecordTooLarge,
                $"A record of {single.FirstRecordSize} bytes is too large for the broker (topic '{topic}', partition {entry.Partition}): {mapped.Message}");
        }
        return mapped;
    }

    internal sealed record Entry(int Partition, List<ProducerBatch> Batches)
    {
        /// <summary>Fails the batches not settled yet (a settled batch keeps its outcome).</summary>
        public void Fail(FluvioException error)
        {
            foreach (var batch in Batches)
            {
                batch.Fail(error);
            }
        }
    }
}
