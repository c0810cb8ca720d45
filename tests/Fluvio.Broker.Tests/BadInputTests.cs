using System.Net;
using System.Net.Sockets;
using Fluvio.Client;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Grpc;
using Fluvio.Protocol.Records;
using Google.Protobuf;
using Grpc.Net.Client;

namespace Fluvio.Broker.Tests;

/// <summary>Every bad input gets a clear error, and nothing is stored because of it.</summary>
public sealed class BadInputTests(BadInputTests.Broker broker) : IClassFixture<BadInputTests.Broker>
{
    public sealed class Broker : IAsyncLifetime
    {
        public BrokerProcess Process { get; private set; } = null!;
        public FluvioClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Process = await BrokerProcess.StartAsync();
            Client = await FluvioClient.ConnectAsync(Process.Endpoint);
        }

        public async Task DisposeAsync()
        {
            await Client.DisposeAsync();
            await Process.DisposeAsync();
        }
    }

    private FluvioClient Client => broker.Client;

    [Theory]
    [InlineData("UPPER")]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("with space")]
    public async Task InvalidTopicNamesAreRefusedQuotingTheRule(string name)
    {
        var e = await Assert.ThrowsAsync<FluvioException>(() => Client.CreateTopicAsync(new TopicSpec(name)));
        Assert.Equal(FluvioErrorCode.InvalidTopicName, e.Code);
        Assert.Contains("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", e.Message);
        Assert.DoesNotContain(await Client.ListTopicsAsync(), t => t.Name == name);
    }

    [Fact]
    public async Task ADuplicateTopicIsTopicExists()
    {
        string topic = Records.NewTopicName("dup");
        await Client.CreateTopicAsync(new TopicSpec(topic) { Partitions = 2 });
        var e = await Assert.ThrowsAsync<FluvioException>(() => Client.CreateTopicAsync(new TopicSpec(topic)));
        Assert.Equal(FluvioErrorCode.TopicExists, e.Code);
        Assert.Equal(2, (await Client.DescribeTopicAsync(topic)).Partitions);
    }

    [Fact]
    public async Task ADryRunCreatesNothing()
    {
        string topic = Records.NewTopicName("dry");
        var wouldBe = await Client.CreateTopicAsync(new TopicSpec(topic) { Partitions = 4, DryRun = true });
        Assert.Equal(4, wouldBe.Partitions);
        var e = await Assert.ThrowsAsync<FluvioException>(() => Client.DescribeTopicAsync(topic));
        Assert.Equal(FluvioErrorCode.TopicNotFound, e.Code);
    }

    [Fact]
    public async Task UnknownTopicsAndPartitionsAreNamed()
    {
        var missing = await Assert.ThrowsAsync<FluvioException>(() => Client.CreateProducerAsync("no-such-topic"));
        Assert.Equal(FluvioErrorCode.TopicNotFound, missing.Code);
        Assert.Contains("no-such-topic", missing.Message);

        string topic = Records.NewTopicName("parts");
        await Client.CreateTopicAsync(new TopicSpec(topic) { Partitions = 2 });
        var partition = await Assert.ThrowsAsync<FluvioException>(() => Client.FetchOffsetsAsync(topic, 2));
        Assert.Equal(FluvioErrorCode.PartitionNotFound, partition.Code);
    }

    [Fact]
    public async Task ARecordOverTheLimitIsRecordTooLargeWithBothSizesAndNothingIsAppended()
    {
        string topic = Records.NewTopicName("big");
        await Client.CreateTopicAsync(new TopicSpec(topic));
        await using var producer = await Client.CreateProducerAsync(topic);
        var big = producer.Send(Records.Utf8("k"), new byte[3 * 1024 * 1024]);
        var small = producer.Send(Records.Utf8("k"), Records.Utf8("still works"));
        await producer.FlushAsync();

        var e = Assert.IsType<FluvioException>(big.Error);
        Assert.Equal(FluvioErrorCode.RecordTooLarge, e.Code);
        // Both sizes: the batch holding the 3 MiB record, and the broker's limit.
        Assert.Matches(@"\b314\d{4} bytes", e.Message);
        Assert.Contains("2097152 bytes", e.Message);
        Assert.False(small.IsFaulted);
        var stored = await Records.ReadAllAsync(Client, topic);
        Assert.Equal(["still works"], stored.Select(r => Records.Text(r.Value)));
        Assert.Equal(0, stored[0].Offset);
    }

    [Fact]
    public async Task ABatchWithABadCrcIsInvalidBatchAndNothingIsAppended()
    {
        string topic = Records.NewTopicName("crc");
        await Client.CreateTopicAsync(new TopicSpec(topic));
        var builder = new RecordBatchBuilder(CompressionCodec.None, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        builder.Append(Records.Utf8("k"), Records.Utf8("v"), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var good = builder.Build().ToArray();
        var bad = (byte[])good.Clone();
        bad[^2] ^= 0x01;

        using var channel = GrpcChannel.ForAddress(broker.Process.Endpoint);
        using var call = new Producer.ProducerClient(channel).Produce();
        var request = new ProduceRequest { Id = 1, Topic = topic };
        // The good batch first, the bad one second, in one entry: all or nothing.
        request.Partitions.Add(new PartitionBatches { Partition = 0, Batches = ByteString.CopyFrom([.. good, .. bad]) });
        await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var result = Assert.Single(call.ResponseStream.Current.Partitions);

        Assert.Equal(ErrorReason.InvalidBatch, result.Error.Reason);
        Assert.Contains("CRC", result.Error.Message);
        Assert.Empty(result.BaseOffsets);
        Assert.Equal(0, (await Client.FetchOffsetsAsync(topic, 0)).EndOffset);
    }

    [Fact]
    public async Task AnUnreachableBrokerIsAConnectionErrorWithinTheTimeout()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var started = DateTime.UtcNow;
        var e = await Assert.ThrowsAsync<FluvioException>(() =>
            FluvioClient.ConnectAsync(new Uri($"http://127.0.0.1:{port}"), new FluvioClientOptions { ConnectTimeout = TimeSpan.FromSeconds(3) }));
        Assert.Equal(FluvioErrorCode.ConnectionFailed, e.Code);
        Assert.Contains($"127.0.0.1:{port}", e.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }
}
