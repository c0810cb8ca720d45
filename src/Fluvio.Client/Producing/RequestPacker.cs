using Google.Protobuf;
using Proto = Fluvio.Protocol.Grpc;

namespace Fluvio.Client;

/// <summary>
/// Packs sealed batches, in seal order, into one ProduceRequest of at most MaxRequestBytes of
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
        var request = new Proto.ProduceRequest { Id = id, Topic = topic };
        foreach (var entry in entries)
        {
            request.Partitions.Add(new Proto.PartitionBatches { Partition = (uint)entry.Partition, Batches = Concat(entry.Batches) });
        }
        var pending = new PendingRequest(request, entries, Bytes);
        _batches.Clear();
        Bytes = 0;
        _alone = false;
        return pending;
    }

    // One batch is wrapped as is; several of one partition are laid end to end.
    private static ByteString Concat(List<ProducerBatch> batches)
    {
        if (batches.Count == 1)
        {
            return UnsafeByteOperations.UnsafeWrap(batches[0].Build());
        }
        var bytes = new byte[batches.Sum(b => b.Build().Length)];
        int at = 0;
        foreach (var batch in batches)
        {
            var memory = batch.Build();
            memory.Span.CopyTo(bytes.AsSpan(at));
            at += memory.Length;
        }
        return UnsafeByteOperations.UnsafeWrap(bytes);
    }
}
