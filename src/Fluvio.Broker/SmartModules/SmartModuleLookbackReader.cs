using Fluvio.Protocol.Native;
using Fluvio.Protocol.Records;
using Fluvio.Storage;

namespace Fluvio.Broker.SmartModules;

/// <summary>What one module's look_back was given: records, look_back calls, and the stored bytes read for them.</summary>
internal sealed record LookbackRead(long Records, int Calls, long StoredBytes, long FirstOffset);

/// <summary>
/// Reads the records a module's lookback asks for out of the partition and hands them to its
/// look_back, as the SPU's SmartModuleContext::look_back does (fluvio-spu 0.11.11
/// smartengine/context.rs):
/// <list type="bullet">
/// <item>only acknowledged records, below the end offset taken when the lookback starts (the SPU reads ReadCommitted, below its high watermark);</item>
/// <item>a lookback without an age: the last <c>last</c> records, from max(end − last, 0) clamped into the log (last = 0: none; a last past i64 is refused, as the SPU's conversion refuses it);</item>
/// <item>an age and a last above 0: those last records, then only the ones whose timestamp (batch first timestamp + record delta) is no older than now − age;</item>
/// <item>an age and last = 0: the batches from the end back to the first one whose max timestamp is older than now − age, then the records no older than it.</item>
/// </list>
/// </summary>
/// <remarks>
/// Bounded under hostile input, unlike the SPU, which collects every record in one Vec and one
/// call: the records go to look_back in chunks of about <see cref="SmartModuleLimits.LookbackChunkBytes"/>
/// (each chunk a Vec&lt;Record&gt; of its own; for an SDK-built module, which calls the user's
/// function once per record, that is the same), read batch by batch through the log reader,
/// sharing the one call's fuel budget; and no more than <see cref="SmartModuleLimits.LookbackMaxBytes"/>
/// of stored batches, the newest, are read for one module, so a last of i64::MAX or an age of
/// years over a large partition costs at most that much reading. Two things differ from the SPU
/// on purpose: its walk by age starts at the batch holding end − 2 and steps to base − 2 (so a
/// one-record batch can be skipped, and a walk reaching offset 0 reads offset −1); this one walks
/// every batch from the end. And an age past what TimeSpan holds, which the native decoder reads
/// as TimeSpan.MaxValue, means any age here (the SPU refuses an age past i64 milliseconds).
/// </remarks>
internal static class SmartModuleLookbackReader
{
    public static LookbackRead Feed(PartitionLog log, SmartModuleLookback lookback, SmartModuleLimits limits, SmartModuleInstance instance)
    {
        try
        {
            return FeedCore(log, lookback, limits, instance);
        }
        catch (Exception e) when (e is StorageException or WireFormatException or InvalidDataException)
        {
            // A partition that failed or went away, or a stored batch whose records do not read.
            throw new SmartModuleException(SmartModuleFaultKind.LookBack, $"The records for the lookback of {instance.Name} could not be read: {e.Message}") { ModuleName = instance.Name };
        }
    }

    private static LookbackRead FeedCore(PartitionLog log, SmartModuleLookback lookback, SmartModuleLimits limits, SmartModuleInstance instance)
    {
        if (lookback.Last > long.MaxValue)
        {
            // The SPU converts last to i64 first (context.rs lookback_last_iterator) and fails there.
            throw new SmartModuleException(SmartModuleFaultKind.LookBack,
                $"A lookback of the last {lookback.Last} records is out of range: Fluvio takes a last of at most {long.MaxValue} (i64).") { ModuleName = instance.Name };
        }
        long end = log.EndOffset;
        long logStart = log.LogStartOffset;
        long? minTimestamp = lookback.Age is { } age ? MinTimestamp(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), age) : null;
        bool byAge = minTimestamp is not null && lookback.Last == 0;
        // The first offset wanted: by count, or (walking by age) decided by the walk below.
        long from = byAge ? logStart : Math.Clamp(Math.Max(end - (long)lookback.Last, 0), logStart, end);

        // Backwards from the end, one stored batch at a time, to the first batch to read; never
        // past the byte limit. Only headers matter here: each step holds one batch.
        long first = end;
        long walked = 0;
        long offset = end - 1;
        while (offset >= logStart && offset >= from)
        {
            var batch = log.Read(offset, 0);
            if (!BatchHeader.TryRead(batch.Span, out var header))
            {
                break;
            }
            if (byAge && header.MaxTimestamp < minTimestamp)
            {
                break;
            }
            if (walked + header.TotalSize > limits.LookbackMaxBytes)
            {
                break;
            }
            walked += header.TotalSize;
            first = header.BaseOffset;
            offset = header.BaseOffset - 1;
        }
        from = Math.Max(from, first);

        instance.BeginLookBack();
        var chunk = new List<AbiRecord>();
        long chunkBytes = 0, records = 0, read = 0;
        int calls = 0;
        long position = first;
        while (position < end)
        {
            var batches = log.Read(position, limits.LookbackChunkBytes);
            if (batches.IsEmpty)
            {
                break;
            }
            foreach (var batch in RecordBatch.Split(batches))
            {
                if (!BatchHeader.TryRead(batch.Span, out var header) || header.BaseOffset >= end)
                {
                    position = end;
                    break;
                }
                read += header.TotalSize;
                position = header.NextOffset;
                foreach (var record in SmartModuleAbi.StoredRecords(SmartModuleChain.RecordsPart(batch, header)))
                {
                    long at = header.BaseOffset + record.OffsetDelta;
                    if (at < from || at >= end || (minTimestamp is { } min && header.FirstTimestamp + record.TimestampDelta < min))
                    {
                        continue;
                    }
                    chunk.Add(record);
                    chunkBytes += SmartModuleAbi.RecordSize(record);
                }
            }
            if (chunkBytes >= limits.LookbackChunkBytes)
            {
                Call(instance, chunk, ref records, ref calls);
                chunkBytes = 0;
            }
        }
        // The SPU calls look_back even when it found nothing (an empty Vec); so does this, once.
        if (chunk.Count > 0 || calls == 0)
        {
            Call(instance, chunk, ref records, ref calls);
        }
        return new LookbackRead(records, calls, read, from);
    }

    private static void Call(SmartModuleInstance instance, List<AbiRecord> chunk, ref long records, ref int calls)
    {
        instance.LookBack(SmartModuleAbi.Records(chunk));
        records += chunk.Count;
        calls++;
        chunk.Clear();
    }

    /// <summary>now − age in Unix milliseconds (the age truncated to whole milliseconds, as Duration::as_millis), saturating.</summary>
    public static long MinTimestamp(long nowMilliseconds, TimeSpan age)
    {
        long ageMilliseconds = age.Ticks / TimeSpan.TicksPerMillisecond;
        return nowMilliseconds - ageMilliseconds;
    }
}
