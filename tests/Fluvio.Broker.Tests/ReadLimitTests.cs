using Fluvio.Client;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Grpc;
using Google.Protobuf;
using Grpc.Net.Client;
using TopicSpec = Fluvio.Client.TopicSpec;

namespace Fluvio.Broker.Tests;

/// <summary>
/// A reader's max_bytes is clamped by the core (BrokerLimits.MaxReadBytes, 1 MiB): one answer
/// never holds more for a stalled reader, nor outgrows the gRPC message limit.
/// </summary>
public sealed class ReadLimitTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task A_gRPC_consume_asking_for_2_GiB_gets_answers_of_at_most_1_MiB_and_every_record()
    {
        string topic = Records.NewTopicName("wide");
        await broker.Client.CreateTopicAsync(new TopicSpec(topic));
        using var channel = GrpcChannel.ForAddress(broker.Process.Endpoint);
        // 40 batches of about 100 KB: 4 MB in all.
        using (var produce = new Producer.ProducerClient(channel).Produce())
        {
            for (int i = 0; i < 40; i++)
            {
                var request = new ProduceRequest { Id = (ulong)i + 1, Topic = topic };
                request.Partitions.Add(new PartitionBatches { Batches = ByteString.CopyFrom(LargeBatch(i)) });
                await produce.RequestStream.WriteAsync(request);
            }
            await produce.RequestStream.CompleteAsync();
            for (int i = 0; i < 40; i++)
            {
                Assert.True(await produce.ResponseStream.MoveNext(CancellationToken.None));
                Assert.Null(Assert.Single(produce.ResponseStream.Current.Partitions).Error);
            }
        }

        using var consume = new Consumer.ConsumerClient(channel).Consume(new ConsumeRequest { Topic = topic, MaxBytes = int.MaxValue });
        var sizes = new List<int>();
        while (await consume.ResponseStream.MoveNext(CancellationToken.None))
        {
            sizes.Add(consume.ResponseStream.Current.Batches.Length);
        }

        // Before: one answer of all 4 MB (and with more than 64 MiB stored, none: ResourceExhausted).
        Assert.All(sizes, size => Assert.InRange(size, 0, 1024 * 1024));
        Assert.True(sizes.Sum() > 4_000_000, $"{sizes.Sum()} bytes read");
    }

    private static byte[] LargeBatch(int seed)
    {
        var value = new byte[100_000];
        new Random(seed).NextBytes(value);
        var builder = new Fluvio.Protocol.Records.RecordBatchBuilder(CompressionCodec.None, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        builder.Append(Records.Utf8($"k{seed}"), value, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return builder.Build().ToArray();
    }
}
