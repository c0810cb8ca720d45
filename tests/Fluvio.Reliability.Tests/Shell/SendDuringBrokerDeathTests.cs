using System.Management.Automation;
using Fluvio.Client;
using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests.Shell;

/// <summary>
/// Issue item 9, first part: <c>Send-FluvioRecord -PassThru -ErrorAction Stop</c> while the
/// broker dies. The pipeline stops with a clear ConnectionFailed error, and what -PassThru
/// reported as sent is what the restarted broker holds.
/// </summary>
public sealed class SendDuringBrokerDeathTests(ITestOutputHelper output)
{
    // What a scheduled script does: -ErrorAction Stop, and a catch that sees the failure.
    private const string Script = "try { $input | Send-FluvioRecord -Topic $topic -Endpoint $endpoint -PassThru -ErrorAction Stop | ForEach-Object { $reported.Add($_) } } catch { $caught.Add($_) }";

    /// <summary>
    /// The broker dies when every record sent so far is stored and answered, while input keeps
    /// coming: then "reported" and "stored" must be exactly the same records.
    /// </summary>
    [Fact(Timeout = 180_000)]
    public async Task The_records_reported_by_PassThru_are_exactly_those_stored()
    {
        const int BeforeDeath = 3000;
        await using var run = await PipelineRun.StartAsync();
        var (reported, failure) = await run.SendAsync(pauseAt: BeforeDeath, onPause: () =>
        {
            // Quiet moment: all sent records stored and their answers in the client, then the crash.
            Bounded.Until(() => run.StoredCount() == BeforeDeath && run.Acknowledged.Value == BeforeDeath, TimeSpan.FromSeconds(30), "the first records to be stored and answered").GetAwaiter().GetResult();
            run.Broker.Kill();
        });

        AssertClearConnectionError(failure, run.Endpoint);
        var stored = await run.RestartAndReadAsync();
        Assert.Equal(BeforeDeath, reported.Count);
        Assert.Equal(stored.Count, reported.Count);
        for (int i = 0; i < reported.Count; i++)
        {
            Assert.Equal(new Stamp(1, i), stored[(reported[i].Partition, reported[i].Offset)]);
        }
        Figures.Report(output, nameof(SendDuringBrokerDeathTests), $"quiet kill: {reported.Count} reported by -PassThru = {stored.Count} stored");
    }

    /// <summary>
    /// The broker dies at a random moment, requests in flight. Records it stored in its last
    /// instant may never have been answered; everything reported must be stored, in input order.
    /// </summary>
    [Fact(Timeout = 180_000)]
    public async Task A_kill_in_flight_never_reports_a_record_that_is_not_stored()
    {
        int killAt = Mode.SeededRandom(output).Next(2000, 20000);
        await using var run = await PipelineRun.StartAsync();
        // Killed from another thread once that many records are stored, while the input keeps flowing.
        var (reported, failure) = await run.SendAsync(pauseAt: null, onPause: null,
            killer: () => Bounded.Until(() => run.StoredCount() >= killAt, TimeSpan.FromSeconds(60), $"{killAt} records stored").ContinueWith(_ => run.Broker.Kill()));

        AssertClearConnectionError(failure, run.Endpoint);
        var stored = await run.RestartAndReadAsync();
        for (int i = 0; i < reported.Count; i++)
        {
            Assert.Equal(new Stamp(1, i), stored.GetValueOrDefault((reported[i].Partition, reported[i].Offset)));
        }
        // Keyless lines go round robin from partition 0, so line i belongs to partition i % 2. Each
        // partition holds the beginning of its own lines, in order, each once: nothing skipped
        // inside a partition, nothing twice. (One partition may have stored more than the other at
        // the kill: each has its own writer and fsync.)
        foreach (var partition in stored.GroupBy(s => s.Key.Item1))
        {
            var sequences = partition.OrderBy(s => s.Key.Item2).Select(s => s.Value.Sequence).ToList();
            Assert.Equal(Enumerable.Range(0, sequences.Count).Select(k => (long)(partition.Key + 2 * k)), sequences);
        }
        Assert.True(stored.Count >= reported.Count);
        Figures.Report(output, nameof(SendDuringBrokerDeathTests),
            $"kill in flight after {killAt} records stored: {reported.Count} reported, {stored.Count} stored ({stored.Count - reported.Count} in flight at the kill: stored, never confirmed)");
    }

    private void AssertClearConnectionError(ErrorRecord? failure, Uri endpoint)
    {
        Assert.NotNull(failure);
        string message = failure.Exception.Message;
        output.WriteLine(message);
        Assert.Equal("ConnectionFailed,Fluvio.PowerShell.Commands.SendFluvioRecordCommand", failure.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, failure.CategoryInfo.Category);
        Assert.Contains(endpoint.Authority, message);
        Assert.Contains("not confirmed as sent", message);
    }

    /// <summary>A broker on a fixed port, a topic, and the pipeline that sends into it.</summary>
    private sealed class PipelineRun : IAsyncDisposable
    {
        private readonly string _data;
        private readonly int _port;
        private readonly FluvioClient _client;

        private PipelineRun(string data, int port, BrokerHost broker, FluvioClient client)
        {
            _data = data;
            _port = port;
            Broker = broker;
            _client = client;
            Acknowledged = new AcknowledgedCount(Topic);
        }

        public BrokerHost Broker { get; private set; }

        /// <summary>A topic of this run only, so the process-wide acknowledgement counter counts this run's records.</summary>
        public string Topic { get; } = $"piped-{Guid.NewGuid():N}"[..20];

        /// <summary>Records the pipeline's producer has been answered for.</summary>
        public AcknowledgedCount Acknowledged { get; }

        public Uri Endpoint => Broker.Endpoint;

        public static async Task<PipelineRun> StartAsync()
        {
            string data = BrokerHost.NewDataDirectory();
            int port = FreePort.Next();
            var broker = await BrokerHost.StartAsync(data, "--grpc-port", port.ToString());
            var client = await FluvioClient.ConnectAsync(broker.Endpoint);
            var run = new PipelineRun(data, port, broker, client);
            await client.CreateTopicAsync(new TopicSpec(run.Topic) { Partitions = 2 });
            return run;
        }

        public int StoredCount()
        {
            long total = 0;
            for (int p = 0; p < 2; p++)
            {
                total += _client.FetchOffsetsAsync(Topic, p).GetAwaiter().GetResult().EndOffset;
            }
            return (int)total;
        }

        /// <summary>
        /// Feeds stamped lines into the pipeline as a user's input would arrive, until the
        /// pipeline ends: <paramref name="onPause"/> runs after line <paramref name="pauseAt"/>
        /// (feeding waits for it), <paramref name="killer"/> runs beside the feeding. Returns what
        /// -PassThru reported and the error the script's catch saw.
        /// </summary>
        public async Task<(List<(int Partition, long Offset)> Reported, ErrorRecord? Failure)> SendAsync(int? pauseAt, Action? onPause, Func<Task>? killer = null)
        {
            using var shell = new PowerShellSession(Repo.Manifest);
            var reported = new List<PSObject>();
            var caught = new List<ErrorRecord>();
            shell.Set("endpoint", Endpoint.ToString());
            shell.Set("topic", Topic);
            shell.Set("reported", reported);
            shell.Set("caught", caught);
            using var ps = shell.CreatePowerShell(Script);
            using var input = new PSDataCollection<object>();
            using var output = new PSDataCollection<PSObject>();
            var invocation = ps.BeginInvoke(input, output);
            var killing = killer?.Invoke() ?? Task.CompletedTask;
            await Task.Run(() =>
            {
                for (int i = 0; i < 400_000 && !invocation.IsCompleted; i++)
                {
                    input.Add(new Stamp(1, i).ToText());
                    if (i + 1 == pauseAt)
                    {
                        onPause!();
                    }
                    if (i % 500 == 0)
                    {
                        Thread.Sleep(1); // a steady stream, not a million lines queued at once
                    }
                }
                input.Complete();
            }).Within(TimeSpan.FromSeconds(120), "feeding the pipeline");
            await Task.Run(() => ps.EndInvoke(invocation)).Within(TimeSpan.FromSeconds(120), "the pipeline");
            await killing.Within(TimeSpan.FromSeconds(60), "the kill");
            Assert.Empty(ps.Streams.Error);
            return ([.. reported.Select(r => ((int)r.Properties["Partition"].Value, (long)r.Properties["Offset"].Value))], caught.SingleOrDefault());
        }

        /// <summary>Starts the broker again on the same data and reads what it holds: (partition, offset) → stamp.</summary>
        public async Task<Dictionary<(int, long), Stamp>> RestartAndReadAsync()
        {
            Broker.Kill();
            Broker = await BrokerHost.StartAsync(_data, "--grpc-port", _port.ToString());
            var stored = new Dictionary<(int, long), Stamp>();
            await using var client = await FluvioClient.ConnectAsync(Broker.Endpoint);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await foreach (var record in client.ConsumeAsync(Topic, new ConsumerOptions(), timeout.Token))
            {
                stored.Add((record.Partition, record.Offset), Stamp.FromText(System.Text.Encoding.UTF8.GetString(record.Value.Span)) ?? throw new InvalidDataException("damaged value"));
            }
            return stored;
        }

        public async ValueTask DisposeAsync()
        {
            Acknowledged.Dispose();
            await Task.WhenAny(_client.DisposeAsync().AsTask(), Task.Delay(5000));
            await Broker.DisposeAsync();
            TempData.Delete(_data);
        }
    }
}
