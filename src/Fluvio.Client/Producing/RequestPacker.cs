namespace Fluvio.Client;

/// <summary>
/// Packs sealed batches, in seal order, into one <see cref="ProduceCall"/> of at most MaxRequestBytes of
/// batches: several partitions, several batches each, each partition's batches kept in order.
/// A request always takes at least one batch; an oversized batch (one record bigger than the
/// batch size) travels alone, so a RecordTooLarge answer fails only that record.
/// </summary>
internal sealed class RequestPacker
{
    private readonly int _maxRequestBytes;
    private readonly List<ProducerBatch> _batches = [];
    private bool _alone;

    public RequestPacker(int maxRequestBytes)
    {
        _maxRequestBytes = maxRequestBytes;
    }

    public bool IsEmpty => _batches.Count == 0;

    public int Bytes { get; private set; }

    /// <summary>Adds the batch (encoding it) if the request has room for it.</summary>
    public bool TryAdd(ProducerBatch batch)
    {
        int size = batch.Build().Length;
        if (_batches.Count > 0 && (_alone || batch.Oversized || Bytes + size > _maxRequestBytes))
        {
            return false;
        }
        _batches.Add(batch);
        Bytes += size;
        _alone = batch.Oversized;
        return true;
    }

    /// <summary>The request holding every batch added so far; the packer starts empty again.</summary>
    public PendingRequest Take(ulong id, string topic)
    {
        var entries = new List<PendingRequest.Entry>();
        foreach (var batch in _batches)
        {
            var entry = entries.Find(e => e.Partition == batch.Partition);
            if (entry is null)
            {
                entry = new PendingRequest.Entry(batch.Partition, []);
                entries.Add(entry);
            }
            entry.Batches.Add(batch);
        }
        var call = new ProduceCall(id, topic, entries.Select(e => new SealedBatches(e.Partition, e.Batches.Select(b => b.Build()).ToList())).ToList());
        var pending = new PendingRequest(call, entries, Bytes);
        _batches.Clear();
        Bytes = 0;
        _alone = false;
        return pending;
    }
}
