using Fluvio.Protocol.Grpc;
using Fluvio.Protocol.Records;
using Grpc.Net.Client;

namespace Fluvio.Reliability.Tests;

/// <summary>One record as the broker serves it, with the stored batch it came in.</summary>
public readonly record struct StoredRecord(int Partition, long Offset, Stamp? Stamp, long Batch);

/// <summary>
/// Everything a topic holds, read from each partition's first offset through the gRPC API as
/// raw stored batches (so a corrupt batch cannot hide behind the client's decoding), and the
/// problems found on the way: a batch that fails its CRC, a gap or overlap in offsets, a value
/// whose stamp is damaged.
/// </summary>
public sealed class StoredLog
{
    private readonly Dictionary<int, SortedDictionary<long, StoredRecord>> _partitions = [];

    private StoredLog(string topic) => Topic = topic;

    public string Topic { get; }

    public List<string> Problems { get; } = [];

    public Dictionary<int, long> LogStart { get; } = [];

    public Dictionary<int, long> End { get; } = [];

    public IReadOnlyDictionary<long, StoredRecord> Partition(int partition) => _partitions[partition];

    public IEnumerable<StoredRecord> Records => _partitions.Values.SelectMany(p => p.Values);

    public static async Task<StoredLog> ReadAsync(Uri endpoint, string topic, int partitions, TimeSpan? limit = null)
    {
        using var channel = GrpcChannel.ForAddress(endpoint, new GrpcChannelOptions { MaxReceiveMessageSize = 64 << 20 });
        using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(60));
        var log = new StoredLog(topic);
        long batchNumber = 0;
        for (int p = 0; p < partitions; p++)
        {
            var offsets = await new Offsets.OffsetsClient(channel).FetchOffsetsAsync(
                new FetchOffsetsRequest { Topic = topic, Partition = (uint)p }, cancellationToken: timeout.Token);
            log.LogStart[p] = offsets.LogStart;
            log.End[p] = offsets.EndOffset;
            var records = log._partitions[p] = [];
            if (offsets.EndOffset == offsets.LogStart)
            {
                continue;
            }
            using var call = new Consumer.ConsumerClient(channel).Consume(
                new ConsumeRequest { Topic = topic, Partition = (uint)p, Offset = offsets.LogStart, MaxBytes = 4 << 20 },
                cancellationToken: timeout.Token);
            long expected = -1;
            bool first = true;
            while (await call.ResponseStream.MoveNext(timeout.Token))
            {
                if (first)
                {
                    // The end the stream reads to: an append still landing after FetchOffsets
                    // (a cancelled producer's last request) may have moved it since.
                    log.End[p] = call.ResponseStream.Current.StopOffset;
                    first = false;
                }
                var bytes = call.ResponseStream.Current.Batches.Memory;
                while (!bytes.IsEmpty)
                {
                    if (!RecordBatch.TryValidate(bytes.Span, out var header, out string? problem))
                    {
                        log.Problems.Add($"{topic}-{p}: a corrupt batch was served after offset {expected}: {problem}");
                        break;
                    }
                    var batch = bytes[..(int)header.TotalSize];
                    bytes = bytes[(int)header.TotalSize..];
                    if (expected >= 0 && header.BaseOffset != expected)
                    {
                        log.Problems.Add($"{topic}-{p}: a batch starts at offset {header.BaseOffset} where {expected} was expected");
                    }
                    expected = header.NextOffset;
                    batchNumber++;
                    log.AddBatch(p, header, batch, batchNumber);
                }
            }
        }
        return log;
    }

    private void AddBatch(int partition, BatchHeader header, ReadOnlyMemory<byte> batch, long number)
    {
        long next = header.BaseOffset;
        try
        {
            foreach (var record in RecordBatch.ReadRecords(batch))
            {
                if (record.Offset != next)
                {
                    Problems.Add($"{Topic}-{partition}: record offset {record.Offset} where {next} was expected inside the batch at {header.BaseOffset}");
                }
                next = record.Offset + 1;
                var stamp = Stamp.Decode(record.Value.Span);
                if (stamp is null)
                {
                    Problems.Add($"{Topic}-{partition}: the value at offset {record.Offset} is damaged");
                }
                if (record.Offset >= LogStart[partition] && !_partitions[partition].TryAdd(record.Offset, new StoredRecord(partition, record.Offset, stamp, number)))
                {
                    Problems.Add($"{Topic}-{partition}: offset {record.Offset} served twice");
                }
            }
        }
        catch (InvalidDataException e)
        {
            Problems.Add($"{Topic}-{partition}: the batch at offset {header.BaseOffset} cannot be decoded: {e.Message}");
        }
        if (next != header.NextOffset)
        {
            Problems.Add($"{Topic}-{partition}: the batch at {header.BaseOffset} holds records to {next - 1}, its header says {header.NextOffset - 1}");
        }
    }

    /// <summary>
    /// The checks every crash test makes: nothing damaged served, offsets dense from the log
    /// start to the end, each producer's sequence rising within a partition, and every
    /// acknowledged record of this topic at its offset with its value.
    /// </summary>
    public List<string> Check(IEnumerable<Acked> acknowledged)
    {
        var problems = new List<string>(Problems);
        foreach (var (partition, records) in _partitions)
        {
            long count = End[partition] - LogStart[partition];
            if (records.Count != count || (count > 0 && (records.First().Key != LogStart[partition] || records.Last().Key != End[partition] - 1)))
            {
                problems.Add($"{Topic}-{partition}: {records.Count} records served for offsets {LogStart[partition]} to {End[partition] - 1}: not dense");
            }
            var last = new Dictionary<int, long>();
            foreach (var record in records.Values)
            {
                if (record.Stamp is not { } stamp)
                {
                    continue;
                }
                if (last.TryGetValue(stamp.Producer, out long previous) && stamp.Sequence <= previous)
                {
                    problems.Add($"{Topic}-{partition}: producer {stamp.Producer} sequence {stamp.Sequence} at offset {record.Offset} after {previous}");
                }
                last[stamp.Producer] = stamp.Sequence;
            }
        }
        foreach (var acked in acknowledged.Where(a => a.Topic == Topic))
        {
            if (acked.Offset < LogStart.GetValueOrDefault(acked.Partition))
            {
                continue; // deleted by retention, as configured
            }
            if (!_partitions.TryGetValue(acked.Partition, out var records) || !records.TryGetValue(acked.Offset, out var stored))
            {
                problems.Add($"{Topic}-{acked.Partition}: acknowledged offset {acked.Offset} ({acked.Stamp}) is missing");
            }
            else if (stored.Stamp != acked.Stamp)
            {
                problems.Add($"{Topic}-{acked.Partition}: offset {acked.Offset} holds {stored.Stamp}, {acked.Stamp} was acknowledged there");
            }
        }
        return problems;
    }

    /// <summary>
    /// Each stored batch holds one producer's records in an unbroken run of its sequence: batches
    /// are stored whole, never interleaved with another producer's.
    /// </summary>
    public List<string> CheckBatchesWhole()
    {
        var problems = new List<string>();
        foreach (var batch in Records.GroupBy(r => r.Batch))
        {
            var stamps = batch.OrderBy(r => r.Offset).Select(r => r.Stamp).ToList();
            if (stamps.Any(s => s is null))
            {
                continue; // reported as damaged already
            }
            for (int i = 1; i < stamps.Count; i++)
            {
                if (stamps[i]!.Value.Producer != stamps[0]!.Value.Producer || stamps[i]!.Value.Sequence != stamps[i - 1]!.Value.Sequence + 1)
                {
                    problems.Add($"{Topic}: a stored batch mixes {stamps[i - 1]} and {stamps[i]}");
                    break;
                }
            }
        }
        return problems;
    }

    /// <summary>Fails with the first problems (the list can be long when something is badly wrong).</summary>
    public static void AssertNone(List<string> problems, string context)
    {
        Assert.True(problems.Count == 0, $"{context}: {problems.Count} problem(s):\n{string.Join("\n", problems.Take(20))}");
    }
}
