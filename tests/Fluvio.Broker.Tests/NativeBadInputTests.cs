using Fluvio.Client;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Native;
using TopicSpec = Fluvio.Client.TopicSpec;

namespace Fluvio.Broker.Tests;

/// <summary>
/// Malformed input on the native ports: the offending connection gets an error answer or is
/// closed, other connections carry on, nothing is stored, and memory stays bounded.
/// </summary>
public sealed class NativeBadInputTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private const ushort Produce = (ushort)SpuApiKey.Produce;
    private const ushort FetchOffsets = (ushort)SpuApiKey.FetchOffsets;

    private FluvioClient Client => broker.Client;

    [Theory]
    [InlineData("ffffffff")] // negative frame size
    [InlineData("7fffffff0000")] // huge declared length
    [InlineData("04000001")] // one byte over the 64 MiB limit
    [InlineData("00000003010203")] // too short for a request header
    [InlineData("0000000a" + "1092" + "0000" + "00000001" + "0000")] // unknown api key 4242
    [InlineData("0000000a" + "0000" + "0063" + "00000001" + "0000")] // Produce version 99
    [InlineData("0000000a" + "03ea" + "0017" + "00000001" + "0000")] // FetchOffsets with no body
    [InlineData("00000013" + "0000" + "0017" + "00000001" + "0000" + "00" + "0001" + "000005dc" + "0000")] // Produce body cut short
    public async Task MalformedInputClosesOnlyThatConnectionAndStoresNothing(string hex)
    {
        string topic = Records.NewTopicName("bad");
        await Client.CreateTopicAsync(new TopicSpec(topic));
        await using var bystander = await NativeTestClient.ConnectAsync(broker.Process.SpuAddress);
        await using var bad = await NativeTestClient.ConnectAsync(broker.Process.SpuAddress);

        await bad.SendRawAsync(Convert.FromHexString(hex));

        Assert.True(await bad.ClosedByBrokerAsync(), "the broker kept a connection that sent malformed input");
        var offsets = await bystander.RequestAsync<FetchOffsetsRequest, FetchOffsetsResponse>(FetchOffsets, 23, 1,
            new FetchOffsetsRequest([new FetchOffsetTopic(topic, [0])], null));
        Assert.Equal(0L, offsets.Topics[0].Partitions[0].LastStableOffset);
        Assert.Equal(0L, (await Client.FetchOffsetsAsync(topic, 0)).EndOffset);
    }

    [Fact]
    public async Task AProduceOfACorruptBatchIsAnsweredWithAnErrorAndStoresNothing()
    {
        string topic = Records.NewTopicName("crc");
        await Client.CreateTopicAsync(new TopicSpec(topic));
        var corrupt = NativeBatches.Build(CompressionCodec.None, 0, 2).Bytes;
        corrupt[^1] ^= 0xff;
        await using var spu = await NativeTestClient.ConnectAsync(broker.Process.SpuAddress);
        var response = await spu.RequestAsync<ProduceRequest, ProduceResponse>(Produce, 23, 1, new ProduceRequest(null, 1, 1500,
            [new TopicProduceData(topic, [new PartitionProduceData(0, corrupt)]), new TopicProduceData("no-such-topic", [new PartitionProduceData(0, corrupt)])], []));

        Assert.Contains("CRC", response.Responses[0].Partitions[0].Error.Message);
        Assert.Equal(ErrorCodes.NotLeaderForPartition, response.Responses[1].Partitions[0].Error.Code);
        Assert.Equal(0L, (await Client.FetchOffsetsAsync(topic, 0)).EndOffset);
    }

    [Fact]
    public async Task DeclaredButUnsentFramesDoNotCostTheirDeclaredSize()
    {
        using var process = System.Diagnostics.Process.GetProcessById(broker.Process.ProcessId);
        long before = process.WorkingSet64;
        var idle = new List<NativeTestClient>();
        try
        {
            for (int i = 0; i < 24; i++)
            {
                var client = await NativeTestClient.ConnectAsync(broker.Process.SpuAddress);
                idle.Add(client);
                // 60 MiB announced, ten bytes sent: allocating by the announcement would take 1.4 GiB.
                await client.SendRawAsync(Convert.FromHexString("03c00000" + "00000000000000000000"));
            }
            // The broker has read every byte sent (so a per-announcement allocation would have happened).
            await Bounded.Until(() => idle.All(c => TcpReceiveQueue.ServerUnread(c.LocalPort) == 0), TimeSpan.FromSeconds(10), "the broker to read the partial frames");
            process.Refresh();
            Assert.True(process.WorkingSet64 - before < 256L * 1024 * 1024, $"the broker grew by {(process.WorkingSet64 - before) >> 20} MiB");

            await using var other = await NativeTestClient.ConnectAsync(broker.Process.ScAddress);
            await other.SendRawAsync(NativeFrame.Request(new RequestHeader(18, 2, 1, "test"), new ApiVersionsRequest("0.14.9", "linux", "x86_64")));
            var (id, _) = await other.ReadAsync();
            Assert.Equal(1, id);
        }
        finally
        {
            foreach (var client in idle)
            {
                await client.DisposeAsync();
            }
        }
    }
}
