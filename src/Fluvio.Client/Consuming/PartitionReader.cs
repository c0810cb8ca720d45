using System.Runtime.CompilerServices;
using Fluvio.Protocol.Records;
using Grpc.Core;
using Proto = Fluvio.Protocol.Grpc;

namespace Fluvio.Client;

/// <summary>
/// One partition's Consume stream, decoded: one chunk of records per response. The first
/// response says where the stream starts and stops; records below the start (they share a batch
/// with it) are skipped; the stream ends at the stop offset, or after the inclusive EndOffset.
/// </summary>
internal static class PartitionReader
{
    public static async IAsyncEnumerable<List<ConsumerRecord>> ReadAsync(FluvioClient client, string topic, int partition,
        ConsumerOptions options, [EnumeratorCancellation] CancellationToken ct)
    {
        using var call = client.ConsumerApi.Consume(ToRequest(topic, partition, options), cancellationToken: ct);
        var responses = call.ResponseStream;
        var window = new Window(options.EndOffset);
        while (await NextAsync(client, responses, topic, ct).ConfigureAwait(false))
        {
            var response = responses.Current;
            window.Begin(response);
            var chunk = Decode(topic, partition, response.Batches.Memory, window);
            if (chunk.Count > 0)
            {
                yield return chunk;
            }
            if (window.Done)
            {
                yield break;
            }
        }
    }

    internal static Proto.ConsumeRequest ToRequest(string topic, int partition, ConsumerOptions options)
    {
        var request = new Proto.ConsumeRequest
        {
            Topic = topic,
            Partition = (uint)partition,
            Continuous = options.Continuous,
            MaxBytes = options.MaxBytes,
            Consumer = options.Consumer ?? "",
        };
        switch (options.Start)
        {
            case ConsumerStart.OffsetStart s:
                request.Offset = s.Offset;
                break;
            case ConsumerStart.FromEndStart s:
                request.FromEnd = s.Count;
                break;
            case ConsumerStart.EndStart:
                request.End = true;
                break;
            default:
                request.Beginning = true;
                break;
        }
        return request;
    }

    /// <summary>The records of one response's batches that fall inside the window.</summary>
    internal static List<ConsumerRecord> Decode(string topic, int partition, ReadOnlyMemory<byte> batches, Window window)
    {
        var records = new List<ConsumerRecord>();
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
                    records.Add(new ConsumerRecord(topic, partition, r.Offset, r.Timestamp, r.HasKey, r.Key, r.Value));
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

    private static async Task<bool> NextAsync(FluvioClient client, IAsyncStreamReader<Proto.ConsumeResponse> responses, string topic, CancellationToken ct)
    {
        try
        {
            return await responses.MoveNext(ct).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw client.Mapper.FromRpc(e, topic);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw client.Mapper.Unreachable(e);
        }
    }

    /// <summary>Which offsets a partition stream yields: [start, stop) and up to EndOffset inclusive.</summary>
    internal sealed class Window(long? endOffset)
    {
        private bool _begun;
        private long _start;
        private long _stop = -1;
        private long _next;

        public bool Done { get; private set; }

        /// <summary>Takes start and stop from the stream's first response.</summary>
        public void Begin(Proto.ConsumeResponse response)
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
            if (offset < _start || offset < _next)
            {
                return false;
            }
            if (_stop >= 0 && offset >= _stop)
            {
                Done = true;
                return false;
            }
            _next = offset + 1;
            if (endOffset is { } end && offset >= end)
            {
                Done = true;
            }
            return true;
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
