using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Grpc;
using Fluvio.Protocol.Records;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace Fluvio.Reliability.Tests;

/// <summary>
/// A producer on the bare gRPC stream, where a test controls each request: one batch of stamped
/// records per request, several in flight, and, when asked, the call cancelled mid-flight (as a
/// killed or interrupted client would leave it). Acknowledgements go into the ledger.
/// </summary>
internal sealed class RawProducer(Uri endpoint, int id, AckLedger ledger)
{
    private const int InFlight = 8;

    /// <summary>Sends <paramref name="requests"/> requests round the topics' partitions; cancels after <paramref name="cancelAfter"/> when set.</summary>
    public async Task RunAsync(IReadOnlyList<(string Topic, int Partitions)> topics, int requests, int? cancelAfter, Random random)
    {
        using var channel = GrpcChannel.ForAddress(endpoint);
        using var cancel = new CancellationTokenSource();
        using var call = new Producer.ProducerClient(channel).Produce(cancellationToken: cancel.Token);
        var sent = new Dictionary<ulong, (string Topic, int Partition, Stamp[] Stamps)>();
        using var slots = new SemaphoreSlim(InFlight);
        var reader = ReadAsync(call, sent, slots, cancel.Token);
        long sequence = 0;
        try
        {
            for (int n = 0; n < requests; n++)
            {
                if (n == cancelAfter)
                {
                    cancel.Cancel(); // requests are in flight right now
                    break;
                }
                await slots.WaitAsync(cancel.Token);
                var (topic, partitions) = topics[n % topics.Count];
                int partition = random.Next(partitions);
                var stamps = Enumerable.Range(0, random.Next(1, 20)).Select(_ => new Stamp(id, sequence++)).ToArray();
                var request = new ProduceRequest { Id = (ulong)n, Topic = topic };
                request.Partitions.Add(new PartitionBatches { Partition = (uint)partition, Batches = ByteString.CopyFrom(Batch(stamps, random).Span) });
                lock (sent)
                {
                    sent[(ulong)n] = (topic, partition, stamps);
                }
                await call.RequestStream.WriteAsync(request, cancel.Token);
            }
            if (!cancel.IsCancellationRequested)
            {
                await call.RequestStream.CompleteAsync();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException && cancel.IsCancellationRequested)
        {
        }
        await reader;
    }

    private async Task ReadAsync(AsyncDuplexStreamingCall<ProduceRequest, ProduceResponse> call,
        Dictionary<ulong, (string Topic, int Partition, Stamp[] Stamps)> sent, SemaphoreSlim slots, CancellationToken cancelled)
    {
        try
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                var response = call.ResponseStream.Current;
                (string Topic, int Partition, Stamp[] Stamps) request;
                lock (sent)
                {
                    request = sent[response.Id];
                }
                var result = response.Partitions.Single();
                if (result.Error is null)
                {
                    long offset = result.BaseOffsets.Single();
                    for (int i = 0; i < request.Stamps.Length; i++)
                    {
                        ledger.Add(new Acked(request.Topic, request.Partition, offset + i, request.Stamps[i]));
                    }
                }
                slots.Release();
            }
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException or IOException && cancelled.IsCancellationRequested)
        {
            // Cancelled mid-flight: what was answered before counts, the rest is unknown.
        }
    }

    private static ReadOnlyMemory<byte> Batch(Stamp[] stamps, Random random)
    {
        var builder = new RecordBatchBuilder(CompressionCodec.None, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        foreach (var stamp in stamps)
        {
            builder.AppendKeyless(stamp.Encode(random.Next(0, 100)), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        }
        return builder.Build();
    }
}
