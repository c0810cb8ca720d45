using Fluvio.Client;
using Fluvio.Protocol.Grpc;
using Grpc.Core;
using Grpc.Net.Client;

namespace Fluvio.Reliability.Tests.Security;

/// <summary>
/// Topic names are checked before any path is built from them, so no name reaches outside the
/// data directory: tried through the broker, on every call that takes a topic.
/// </summary>
public sealed class TopicPathTests(TopicPathTests.Broker broker) : IClassFixture<TopicPathTests.Broker>
{
    /// <summary>One broker for every name, its data directory inside a folder the test watches.</summary>
    public sealed class Broker : IAsyncLifetime
    {
        public string Parent { get; } = Directory.CreateTempSubdirectory("fluvio-paths-").FullName;

        public string Data => Path.Combine(Parent, "data");

        public BrokerHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await BrokerHost.StartAsync(Data);

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            TempData.Delete(Parent);
        }
    }

    public static TheoryData<string> Hostile => ["../x", "..", ".", "a/b", "%2e%2e", "..%2fx", "x/../../y", "a\\b", "/etc", "a\nb", "topic\n", "a\0b", "CON", "ümlaut"];

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Hostile))]
    public async Task A_hostile_topic_name_is_refused_everywhere_and_touches_no_file(string name)
    {
        string parent = broker.Parent;
        string data = broker.Data;
        await using var client = await FluvioClient.ConnectAsync(broker.Host.Endpoint);
        var before = Snapshot(parent);

        var created = await Assert.ThrowsAsync<FluvioException>(() => client.CreateTopicAsync(new TopicSpec(name)));
        Assert.Equal(FluvioErrorCode.InvalidTopicName, created.Code);
        await Refused(() => client.DeleteTopicAsync(name));
        await Refused(() => client.FetchOffsetsAsync(name, 0));
        await Refused(() => client.CommitOffsetAsync("reader", name, 0, 1));
        await Refused(() => client.CreateProducerAsync(name));
        using var channel = GrpcChannel.ForAddress(broker.Host.Endpoint);
        using (var produce = new Producer.ProducerClient(channel).Produce())
        {
            var request = new ProduceRequest { Id = 1, Topic = name };
            request.Partitions.Add(new PartitionBatches { Partition = 0, Batches = Google.Protobuf.ByteString.CopyFrom(Fuzz.Seeds.Batches()[0]) });
            await produce.RequestStream.WriteAsync(request);
            Assert.True(await produce.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(ErrorReason.TopicNotFound, produce.ResponseStream.Current.Partitions.Single().Error.Reason);
        }
        using (var consume = new Consumer.ConsumerClient(channel).Consume(new ConsumeRequest { Topic = name }))
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => consume.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        }

        Assert.Equal(before, Snapshot(parent));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(data, "topics")));
    }

    private static async Task Refused(Func<Task> call)
    {
        var refused = await Assert.ThrowsAsync<FluvioException>(call);
        Assert.True(refused.Code is FluvioErrorCode.TopicNotFound or FluvioErrorCode.InvalidTopicName or FluvioErrorCode.InvalidArgument, refused.Code.ToString());
    }

    /// <summary>Every path under the test's folder (the data directory and its parent).</summary>
    private static string Snapshot(string root) =>
        string.Join("\n", Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
}
