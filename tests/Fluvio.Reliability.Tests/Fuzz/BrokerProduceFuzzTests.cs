using System.Net;
using Fluvio.Client;
using Fluvio.Protocol.Grpc;
using Fluvio.Protocol.Records;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests.Fuzz;

/// <summary>
/// Issue item 10, through the real broker: mutated and random batches in ProduceRequests (half
/// with a repaired CRC, so they are stored and later served), then garbage gRPC bodies. Every
/// request gets an answer, the broker never dies, and what it serves afterwards is whole batches
/// with good CRCs and dense offsets.
/// </summary>
public sealed class BrokerProduceFuzzTests(ITestOutputHelper output)
{
    private const string Topic = "fuzzed";

    [Fact(Timeout = 300_000)]
    public async Task The_broker_answers_every_mutated_produce_request_and_serves_only_valid_batches()
    {
        var random = Mode.SeededRandom(output);
        var mutator = new Mutator(random, Seeds.Batches());
        await using var broker = await BrokerHost.StartAsync();
        await using (var admin = await FluvioClient.ConnectAsync(broker.Endpoint))
        {
            await admin.CreateTopicAsync(new TopicSpec(Topic) { Partitions = 2 });
        }
        using var channel = GrpcChannel.ForAddress(broker.Endpoint);
        var producer = new Producer.ProducerClient(channel);
        int requests = Mode.Pick(1500, 30_000);
        int accepted = 0, refused = 0;
        var reasons = new Dictionary<ErrorReason, int>();
        using (var call = producer.Produce())
        {
            for (int id = 0; id < requests; id++)
            {
                var request = new ProduceRequest { Id = (ulong)id, Topic = Topic };
                int entries = 1 + random.Next(2);
                for (int e = 0; e < entries; e++)
                {
                    byte[] batches = random.Next(2) == 0 ? mutator.Next() : mutator.NextValidFraming();
                    request.Partitions.Add(new PartitionBatches { Partition = (uint)random.Next(3), Batches = ByteString.CopyFrom(batches) });
                }
                await call.RequestStream.WriteAsync(request);
                Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).Within(TimeSpan.FromSeconds(30), $"the answer to request {id}"));
                foreach (var result in call.ResponseStream.Current.Partitions)
                {
                    if (result.Error is null)
                    {
                        accepted++;
                    }
                    else
                    {
                        refused++;
                        reasons[result.Error.Reason] = reasons.GetValueOrDefault(result.Error.Reason) + 1;
                    }
                }
            }
            await call.RequestStream.CompleteAsync();
        }
        Assert.True(reasons.Keys.All(r => r is ErrorReason.InvalidBatch or ErrorReason.RecordTooLarge or ErrorReason.PartitionNotFound),
            string.Join(", ", reasons.Select(r => $"{r.Key}: {r.Value}")));
        Assert.False(broker.HasExited);

        int garbage = await SendGarbageBodiesAsync(broker.Endpoint, random, Mode.Pick(200, 5000));
        Assert.False(broker.HasExited);

        // What was stored is served as whole, valid batches with dense offsets.
        long served = 0;
        for (int p = 0; p < 2; p++)
        {
            served += await AssertServedBatchesValidAsync(channel, p);
        }
        Figures.Report(output, nameof(BrokerProduceFuzzTests),
            $"{requests} mutated ProduceRequests ({accepted} entries stored, {refused} refused: {string.Join(", ", reasons.Select(r => $"{r.Key} {r.Value}"))}), {garbage} garbage gRPC bodies; broker alive, {served} batches served, all valid");
    }

    /// <summary>Raw HTTP/2 POSTs to the produce method with random bodies: bad framing, bad protobuf.</summary>
    private static async Task<int> SendGarbageBodiesAsync(Uri endpoint, Random random, int count)
    {
        using var http = new HttpClient { BaseAddress = endpoint, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var valid = new ProduceRequest { Id = 1, Topic = Topic };
        valid.Partitions.Add(new PartitionBatches { Partition = 0, Batches = ByteString.CopyFrom(Seeds.Batches()[0]) });
        var mutator = new Mutator(random, [Framed(valid.ToByteArray()), Framed([])]);
        for (int i = 0; i < count; i++)
        {
            using var content = new ByteArrayContent(mutator.Next());
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
            using var message = new HttpRequestMessage(HttpMethod.Post, "/fluvio.broker.v1.Producer/Produce")
            {
                Content = content,
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            message.Headers.TryAddWithoutValidation("te", "trailers");
            using var response = await http.SendAsync(message).Within(TimeSpan.FromSeconds(30), "a garbage request");
            await response.Content.ReadAsByteArrayAsync().Within(TimeSpan.FromSeconds(30), "a garbage request's answer");
            // It reached the gRPC layer (HTTP/2, 200) and got a gRPC status back.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.TrailingHeaders.Contains("grpc-status") || response.Headers.Contains("grpc-status"));
        }
        return count;
    }

    /// <summary>A gRPC length-prefixed message: flag 0, u32 length, the bytes.</summary>
    private static byte[] Framed(byte[] message)
    {
        var framed = new byte[5 + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
        message.CopyTo(framed, 5);
        return framed;
    }

    /// <summary>
    /// Reads the partition from 0 to the end the broker reports when the stream starts (its stop
    /// offset): whole batches, good CRCs, each starting where the last ended, up to that end.
    /// The end is taken from the stream, not from an earlier call: a garbage request that failed
    /// part-way may still have an append of its valid first message landing a moment later.
    /// </summary>
    private static async Task<long> AssertServedBatchesValidAsync(GrpcChannel channel, int partition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var call = new Consumer.ConsumerClient(channel).Consume(new ConsumeRequest { Topic = Topic, Partition = (uint)partition, Offset = 0 }, cancellationToken: timeout.Token);
        long expected = 0, batches = 0, stop = -1;
        while (await call.ResponseStream.MoveNext(timeout.Token))
        {
            var response = call.ResponseStream.Current;
            if (stop < 0)
            {
                stop = response.StopOffset;
            }
            var bytes = response.Batches.Memory;
            while (!bytes.IsEmpty)
            {
                Assert.True(RecordBatch.TryValidate(bytes.Span, out var header, out string? problem), problem);
                Assert.Equal(expected, header.BaseOffset);
                expected = header.NextOffset;
                bytes = bytes[(int)header.TotalSize..];
                batches++;
            }
        }
        Assert.Equal(stop, expected);
        return batches;
    }
}
