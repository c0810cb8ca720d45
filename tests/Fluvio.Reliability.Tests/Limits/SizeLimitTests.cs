using Fluvio.Client;
using Fluvio.Protocol.Records;
using Fluvio.Storage;
using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests.Limits;

/// <summary>
/// Issue item 6: a record whose single-record batch is one byte under the broker's limit
/// (2,097,152 bytes by default), exactly at it, and one over. Accepted, accepted, refused with
/// RecordTooLarge (the broker's own error: its limit sits far below gRPC's 64 MiB, so this is not
/// a transport reset), nothing appended for it, and the same producer stream goes on working.
/// </summary>
public sealed class SizeLimitTests(ITestOutputHelper output)
{
    private const int Limit = StorageOptions.DefaultMaxBatchBytes;

    [Fact(Timeout = 120_000)]
    public async Task At_the_limit_is_accepted_and_one_byte_over_is_RecordTooLarge_on_a_stream_that_keeps_working()
    {
        await using var broker = await BrokerHost.StartAsync();
        await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
        await client.CreateTopicAsync(new TopicSpec("limits"));
        await using var producer = await client.CreateProducerAsync("limits", new ProducerOptions { Linger = TimeSpan.Zero });

        var results = new List<(int BatchSize, ProduceFuture Future, byte[] Value)>();
        foreach (int batchSize in new[] { Limit - 1, Limit, Limit + 1, 200 })
        {
            byte[] value = ValueForBatchOf(batchSize);
            results.Add((batchSize, producer.Send(null, value, 0), value));
            await producer.FlushAsync().Within(TimeSpan.FromSeconds(60), "a flush");
        }

        Assert.False(results[0].Future.IsFaulted, results[0].Future.Error?.Message);
        Assert.False(results[1].Future.IsFaulted, results[1].Future.Error?.Message);
        var refused = results[2].Future.Error;
        Assert.NotNull(refused);
        Assert.Equal(FluvioErrorCode.RecordTooLarge, refused.Code);
        Assert.Contains($"{Limit + 1} bytes", refused.Message);
        Assert.Contains($"{Limit} bytes", refused.Message);
        // The next record on the same stream goes right after the two accepted ones.
        Assert.Equal(2, results[3].Future.Result.Offset);

        var stored = new List<ConsumerRecord>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var record in client.ConsumeAsync("limits", new ConsumerOptions(), timeout.Token))
        {
            stored.Add(record);
        }
        Assert.Equal([0L, 1L, 2L], stored.Select(r => r.Offset));
        Assert.True(stored.Select(r => r.Value.ToArray()).SequenceEqual([results[0].Value, results[1].Value, results[3].Value], new BytesEqual()));
        output.WriteLine(refused.Message);
    }

    /// <summary>
    /// Past the transport's own limit (64 MiB per gRPC message): the client refuses to send such a
    /// record, and a raw oversized message is refused by the broker without harm to the next stream.
    /// </summary>
    [Fact(Timeout = 120_000)]
    public async Task A_message_over_the_transport_limit_is_refused_and_the_broker_goes_on()
    {
        await using var broker = await BrokerHost.StartAsync();
        await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
        await client.CreateTopicAsync(new TopicSpec("huge"));
        await using (var producer = await client.CreateProducerAsync("huge"))
        {
            var tooBig = Assert.Throws<FluvioException>(() => producer.Send(null, new byte[65 << 20], 0));
            Assert.Equal(FluvioErrorCode.RecordTooLarge, tooBig.Code);
        }

        // A gRPC message that declares 64 MiB + 1 bytes: refused from its 5-byte prefix, before
        // a byte of it is buffered (ResourceExhausted is gRPC status 8).
        using var http = new HttpClient { BaseAddress = broker.Endpoint, DefaultRequestVersion = System.Net.HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var body = new byte[5 + 16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(1), (64u << 20) + 1);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        using var message = new HttpRequestMessage(HttpMethod.Post, "/fluvio.broker.v1.Producer/Produce")
        {
            Content = content,
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        message.Headers.TryAddWithoutValidation("te", "trailers");
        using var response = await http.SendAsync(message).Within(TimeSpan.FromSeconds(30), "the broker's answer");
        await response.Content.ReadAsByteArrayAsync().Within(TimeSpan.FromSeconds(30), "the broker's answer");
        string? status = response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.Single()
            : response.Headers.TryGetValues("grpc-status", out var header) ? header.Single() : null;
        Assert.Equal("8", status);
        Assert.False(broker.HasExited);
        Assert.Equal(3, (await Produce.StampedAsync(client, "huge", producer: 1, count: 3)).Count);
    }

    /// <summary>A value whose record alone makes an encoded batch of exactly <paramref name="batchSize"/> bytes.</summary>
    private static byte[] ValueForBatchOf(int batchSize)
    {
        for (int length = Math.Max(0, batchSize - 80); length <= batchSize; length++)
        {
            if (BatchLayout.Records + sizeof(int) + RecordBatchBuilder.RecordSize(0, false, length, 0, 0) == batchSize)
            {
                var value = new byte[length];
                new Random(batchSize).NextBytes(value);
                // Check the arithmetic against the real encoder.
                var builder = new RecordBatchBuilder(Protocol.Compression.CompressionCodec.None, 0);
                builder.AppendKeyless(value, 0);
                Assert.Equal(batchSize, builder.Build().Length);
                return value;
            }
        }
        throw new InvalidOperationException($"No value length gives a batch of {batchSize} bytes.");
    }

    private sealed class BytesEqual : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length;
    }
}
