using System.Runtime.CompilerServices;
using Fluvio.Protocol.Records;

namespace Fluvio.Client;

/// <summary>
/// One partition's Consume stream, decoded: one batch of records per response. The first
/// response says where the stream starts and stops; records below the start (they share a batch
/// with it) are skipped; the stream ends at the stop offset, or after the inclusive EndOffset.
/// </summary>
/// <remarks>
/// A stream that was established and then lost (a broker restart, a dropped connection) is
/// opened again at the next offset, so the reader sees no gap and no repeat: up to
/// <see cref="ConsumerOptions.MaxReconnects"/> attempts in a row, with a doubling pause. A first
/// connection that fails, and every error the broker states, still fail at once.
/// </remarks>
internal static class PartitionReader
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(4);

    public static async IAsyncEnumerable<ConsumerRecordBatch> ReadAsync(FluvioClient client, string topic, int partition,
        ConsumerOptions options, [EnumeratorCancellation] CancellationToken ct)
    {
        var from = options;
        if (options.Start is ConsumerStart.TimeStart { Time: var time })
        {
            long offset = await TimeSearch.FindAsync(client, topic, partition, time, options, ct).ConfigureAwait(false);
            from = options with { Start = ConsumerStart.AtOffset(offset) };
        }
        var window = new Window(options.EndOffset, options.HasSmartModules);
        for (int attempt = 0; ; attempt++)
        {
            FluvioException? lost;
            var responses = client.Transport.OpenConsumeStream(topic, partition, from, ct);
            await using (responses.ConfigureAwait(false))
            {
                while ((lost = await NextAsync(responses, ct).ConfigureAwait(false)) is null)
                {
                    attempt = 0;
                    var response = responses.Current;
                    window.Begin(response);
                    var chunk = Decode(topic, partition, response.Batches, window);
                    // A batch covers offsets up to its last_offset_delta even where it holds no record for
                    // them (a SmartModule filtered them out on produce): a bounded read is past them.
                    // (-1: the chunk ends in a failure, which must not be skipped past.)
                    window.SkipTo(response.NextOffset switch
                    {
                        > 0 => response.NextOffset,
                        < 0 => 0,
                        _ => Math.Max(0, RecordBatch.NextOffset(response.Batches.Span)),
                    });
                    if (chunk.Count > 0)
                    {
                        yield return new ConsumerRecordBatch(topic, partition, chunk);
                    }
                    if (window.Done)
                    {
                        yield break;
                    }
                }
            }
            if (lost == EndOfStream)
            {
                if (!options.Continuous)
                {
                    yield break;
                }
                // A continuous stream never ends by itself: the broker went away (a graceful stop).
                lost = client.Errors.Unreachable(new IOException("the broker ended the stream"));
            }
            if (!window.Begun || attempt >= options.MaxReconnects || lost.Code is not (FluvioErrorCode.ConnectionFailed or FluvioErrorCode.Timeout))
            {
                throw lost;
            }
            await Task.Delay(Pause(attempt), ct).ConfigureAwait(false);
            // Exactly where this reader is: not the consumer's committed offset, which may lag.
            from = options with { Start = ConsumerStart.AtOffset(window.Next), Consumer = null };
        }
    }

    private static TimeSpan Pause(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(FirstPause.TotalMilliseconds * Math.Pow(2, attempt), MaxPause.TotalMilliseconds));

    /// <summary>The records of one response's batches that fall inside the window.</summary>
    internal static List<BatchRecord> Decode(string topic, int partition, ReadOnlyMemory<byte> batches, Window window)
    {
        // Sized from the batch headers: no list grows (and leaves its smaller arrays behind) per response.
        var records = new List<BatchRecord>(RecordCount(batches.Span));
        try
        {
            foreach (var batch in RecordBatch.Split(batches))
            {
                foreach (var r in RecordBatch.ReadRecords(batch))
                {
                    if (!window.Accept(r.Offset))
                    {
                        if (window.Done)
                        {
                            return records;
                        }
                        continue;
                    }
                    records.Add(r);
                    if (window.Done)
                    {
                        return records;
                    }
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new FluvioException(FluvioErrorCode.InvalidBatch, $"The broker sent a damaged batch for partition {partition} of topic '{topic}': {e.Message}", e);
        }
        window.CheckStop();
        return records;
    }

    /// <summary>How many records the headers of concatenated batches announce (a capacity, so at most what a list may hold at once).</summary>
    private static int RecordCount(ReadOnlySpan<byte> batches)
    {
        long count = 0;
        int position = 0;
        while (BatchHeader.TryRead(batches[position..], out var header) && header.TotalSize <= batches.Length - position && header.BatchLength >= BatchLayout.HeaderSize)
        {
            count += Math.Max(0, header.NextOffset - header.BaseOffset);
            position += (int)header.TotalSize;
        }
        return (int)Math.Min(count, 1 << 16);
    }

    /// <summary>Marks a stream that ended normally.</summary>
    private static readonly FluvioException EndOfStream = new(FluvioErrorCode.Unknown, "end of stream");

    /// <summary>Null when a response arrived; <see cref="EndOfStream"/> at the end; else why the stream failed.</summary>
    private static async Task<FluvioException?> NextAsync(IConsumeStream responses, CancellationToken ct)
    {
        try
        {
            return await responses.MoveNextAsync(ct).ConfigureAwait(false) ? null : EndOfStream;
        }
        catch (FluvioException e)
        {
            return e;
        }
    }

    /// <summary>Which offsets a partition stream yields: [start, stop) and up to EndOffset inclusive.</summary>
    /// <remarks>
    /// With SmartModules, records may share an offset (array_map's records all carry the offset
    /// of the batch they came from), so one repeat of the last offset is accepted; and a chunk
    /// can say that the records it covered end past its last record (they were filtered out).
    /// </remarks>
    internal sealed class Window(long? endOffset, bool repeatsAllowed = false)
    {
        private bool _begun;
        private long _start;
        private long _stop = -1;
        private long _next;
        private bool _accepted;

        public bool Done { get; private set; }

        /// <summary>True once the stream's first response has said where it starts.</summary>
        public bool Begun => _begun;

        /// <summary>The offset of the next record this reader would yield.</summary>
        public long Next => _next;

        /// <summary>Takes start and stop from the stream's first response.</summary>
        public void Begin(ConsumedChunk response)
        {
            if (_begun)
            {
                return;
            }
            _begun = true;
            _start = response.StartOffset;
            _stop = response.StopOffset;
            _next = _start;
            CheckStop();
        }

        public bool Accept(long offset)
        {
            if (offset < _start || offset < (repeatsAllowed && _accepted ? _next - 1 : _next))
            {
                return false;
            }
            if (_stop >= 0 && offset >= _stop)
            {
                Done = true;
                return false;
            }
            _next = offset + 1;
            _accepted = true;
            if (endOffset is { } end && offset >= end)
            {
                Done = true;
            }
            return true;
        }

        /// <summary>The records below <paramref name="next"/> have all been seen or filtered out (0: the chunk does not say).</summary>
        public void SkipTo(long next)
        {
            if (next > _next)
            {
                _next = next;
                _accepted = false;
                CheckStop();
            }
        }

        /// <summary>A bounded stream is done once the next offset reaches its stop; no need to wait for the broker to close it.</summary>
        public void CheckStop()
        {
            if (_stop >= 0 && _next >= _stop)
            {
                Done = true;
            }
        }
    }
}
