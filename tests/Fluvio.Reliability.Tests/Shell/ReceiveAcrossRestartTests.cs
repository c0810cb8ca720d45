using System.Management.Automation;
using Fluvio.Client;
using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests.Shell;

/// <summary>
/// Issue item 9, second part: <c>Receive-FluvioRecord -Continuous -Consumer x</c> while the
/// broker is killed and restarted. The client opens the lost stream again at the next offset, so
/// the reader sees every record once (no gap, no repeat); and when the user stops it and runs it
/// again with the same -Consumer, the committed offsets make it resume exactly where it stopped.
/// </summary>
public sealed class ReceiveAcrossRestartTests(ITestOutputHelper output)
{
    private const string Topic = "followed";
    private const int Partitions = 2;
    private const int MarkerProducer = 2;

    [Fact(Timeout = 180_000)]
    public async Task A_named_continuous_reader_resumes_across_a_restart_with_no_gap_and_no_repeat()
    {
        string data = BrokerHost.NewDataDirectory();
        string port = FreePort.Next().ToString();
        var broker = await BrokerHost.StartAsync(data, "--grpc-port", port);
        try
        {
            await SendAsync(broker, 0, 100, create: true);
            using var shell = new PowerShellSession(Repo.Manifest);
            shell.Set("endpoint", broker.Endpoint.ToString());
            using var ps = shell.CreatePowerShell($"Receive-FluvioRecord -Topic {Topic} -Endpoint $endpoint -Continuous -Consumer follower");
            using var input = new PSDataCollection<object>();
            input.Complete();
            using var received = new PSDataCollection<PSObject>();
            var invocation = ps.BeginInvoke(input, received);
            await Bounded.Until(() => received.Count >= 100, TimeSpan.FromSeconds(30), "the first 100 records");

            broker.Kill();
            broker = await BrokerHost.StartAsync(data, "--grpc-port", port);
            await SendAsync(broker, 100, 50);
            // A partition is read in order, so a repeat would arrive before that partition's
            // marker: once every marker is in, anything repeated is in too.
            await SendMarkersAsync(broker);
            // By index: enumerating a PSDataCollection that is still open waits for its end.
            await Bounded.Until(() => Enumerable.Range(0, received.Count).Count(i => IsMarker(received[i])) == Partitions, TimeSpan.FromSeconds(30), "the 50 records sent after the restart and the markers");
            await Task.Run(ps.Stop).Within(TimeSpan.FromSeconds(30), "stopping the reader");
            try
            {
                ps.EndInvoke(invocation);
            }
            catch (PipelineStoppedException)
            {
            }

            var first = received.Select(Read).ToList();
            Assert.Empty(ps.Streams.Error);
            Assert.Empty(ps.Streams.Warning);
            AssertEachOnceInOrder(first, 0, 150);

            // The user runs it again later, with the same consumer name: exactly the new records.
            await SendAsync(broker, 150, 20);
            var (again, errors, terminating) = await shell.RunAsync($"Receive-FluvioRecord -Topic {Topic} -Endpoint $endpoint -Consumer follower");
            Assert.Null(terminating);
            Assert.Empty(errors);
            var second = again.Select(Read).ToList();
            AssertEachOnceInOrder(second, 150, 20);
            foreach (var partition in second.GroupBy(r => r.Partition))
            {
                long lastBefore = first.Where(r => r.Partition == partition.Key).Max(r => r.Offset);
                Assert.Equal(lastBefore + 1, partition.Min(r => r.Offset));
            }
            Figures.Report(output, nameof(ReceiveAcrossRestartTests), "kill -9 under a continuous named reader: 150 records read once each, the re-run resumed at the next offsets (20 new records)");
        }
        finally
        {
            await broker.DisposeAsync();
            TempData.Delete(data);
        }
    }

    private static bool IsMarker(PSObject record) =>
        Stamp.FromText((string)record.Properties["Value"].Value) is { Producer: MarkerProducer };

    /// <summary>One record from another producer into each partition.</summary>
    private static async Task SendMarkersAsync(BrokerHost broker)
    {
        await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
        await using var producer = await client.CreateProducerAsync(Topic);
        for (int p = 0; p < Partitions; p++)
        {
            producer.Send(null, System.Text.Encoding.UTF8.GetBytes(new Stamp(MarkerProducer, p).ToText()), p);
        }
        await producer.FlushAsync().Within(TimeSpan.FromSeconds(30), "a flush");
    }

    private static (int Partition, long Offset, Stamp Stamp) Read(PSObject record) =>
        ((int)record.Properties["Partition"].Value, (long)record.Properties["Offset"].Value,
            Stamp.FromText((string)record.Properties["Value"].Value) ?? throw new InvalidDataException("damaged value"));

    /// <summary>The sender's sequences first..first+count each exactly once (markers aside), offsets dense and rising in each partition.</summary>
    private static void AssertEachOnceInOrder(List<(int Partition, long Offset, Stamp Stamp)> records, int first, int count)
    {
        Assert.Equal(Enumerable.Range(first, count).Select(i => (long)i), records.Where(r => r.Stamp.Producer != MarkerProducer).Select(r => r.Stamp.Sequence).Order());
        foreach (var partition in records.GroupBy(r => r.Partition))
        {
            var offsets = partition.Select(r => r.Offset).ToList();
            Assert.Equal(Enumerable.Range((int)offsets[0], offsets.Count).Select(o => (long)o), offsets);
        }
    }

    private static async Task SendAsync(BrokerHost broker, int first, int count, bool create = false)
    {
        await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
        if (create)
        {
            await client.CreateTopicAsync(new TopicSpec(Topic) { Partitions = Partitions });
        }
        await using var producer = await client.CreateProducerAsync(Topic);
        for (int i = first; i < first + count; i++)
        {
            producer.Send([(byte)i], System.Text.Encoding.UTF8.GetBytes(new Stamp(1, i).ToText()));
        }
        await producer.FlushAsync().Within(TimeSpan.FromSeconds(30), "a flush");
    }
}
