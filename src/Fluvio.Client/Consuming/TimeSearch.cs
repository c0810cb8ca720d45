using Fluvio.Protocol.Records;

namespace Fluvio.Client;

/// <summary>
/// Resolves <see cref="ConsumerStart.AtTime"/> to an offset of one partition without reading it
/// from the start and without any protocol extension, so it works over both transports and
/// against a real Fluvio SPU: a binary search over [log start, end) in which each probe is one
/// bounded one-shot read at an offset (the broker finds the batch holding it through its offset
/// index), which leaves no stream open on the SPU.
/// </summary>
/// <remarks>
/// The search compares each probed batch's largest record timestamp with the time, so it
/// assumes timestamps do not decrease from batch to batch (Fluvio timestamps are set by the
/// producer and not guaranteed to). The start found is the first record, in offset order, with a
/// timestamp at or after the time inside the first batch (by that assumption) holding one; from
/// there on every record is delivered whatever its own timestamp, and nothing before it is. No
/// such batch: the start is the end (a continuous reader waits for new records). A record
/// without a timestamp counts as earlier than any time.
/// </remarks>
internal static class TimeSearch
{
    /// <summary>Bytes asked for by one probe: small, a real SPU cuts there (then a probe asks again for twice as many).</summary>
    internal const int ProbeBytes = 16 * 1024;

    /// <summary>Probes made by this process, for tests that prove the search is O(log n).</summary>
    private static long s_probes;

    internal static long Probes => Interlocked.Read(ref s_probes);

    public static async Task<long> FindAsync(FluvioClient client, string topic, int partition, DateTimeOffset time, ConsumerOptions options, CancellationToken ct)
    {
        long since = time.ToUnixTimeMilliseconds();
        var offsets = await client.Transport.FetchOffsetsAsync(topic, partition, ct).ConfigureAwait(false);
        long lo = offsets.LogStart, hi = offsets.EndOffset, found = offsets.EndOffset;
        while (lo < hi)
        {
            long mid = lo + (hi - lo) / 2;
            if (await ProbeAsync(client, topic, partition, mid, options, ct).ConfigureAwait(false) is not { } batch)
            {
                hi = mid;
                continue;
            }
            if (batch.At(since) is { } start)
            {
                found = Math.Min(found, start);
                hi = Math.Min(mid, batch.Header.BaseOffset);
            }
            else
            {
                lo = Math.Max(mid + 1, batch.Header.NextOffset);
            }
        }
        return found;
    }

    /// <summary>One probed batch: its header, and its records when it came whole.</summary>
    private sealed record Probe(BatchHeader Header, ReadOnlyMemory<byte>? Whole)
    {
        /// <summary>The first record at or after <paramref name="since"/>, or null when the batch has none.</summary>
        public long? At(long since)
        {
            if (Whole is { } batch)
            {
                foreach (var r in RecordBatch.ReadRecords(batch))
                {
                    if (r.Timestamp >= since)
                    {
                        return r.Offset;
                    }
                }
                return null;
            }
            // Cut short by a real SPU's max_bytes: the header's max timestamp says enough.
            return Header.MaxTimestamp >= since ? Header.BaseOffset : null;
        }
    }

    /// <summary>The batch holding <paramref name="offset"/> (or the next one), or null when nothing is stored there.</summary>
    private static async Task<Probe?> ProbeAsync(FluvioClient client, string topic, int partition, long offset, ConsumerOptions options, CancellationToken ct)
    {
        for (int bytes = Math.Min(ProbeBytes, options.MaxBytes); ; bytes = (int)Math.Min(2L * bytes, options.MaxBytes))
        {
            Interlocked.Increment(ref s_probes);
            var batches = await client.Transport.ReadOnceAsync(topic, partition, offset, bytes, options.Isolation, ct).ConfigureAwait(false);
            if (!BatchHeader.TryRead(batches.Span, out var header))
            {
                return null;
            }
            if (header.TotalSize <= batches.Length)
            {
                return new Probe(header, batches[..(int)header.TotalSize]);
            }
            if (bytes >= options.MaxBytes)
            {
                return new Probe(header, null);
            }
        }
    }
}
