using System.Runtime.InteropServices;
using System.Text.Json;
using Fluvio.Bench;
using Fluvio.Client;
using Fluvio.Client.LocalCluster;

// fluvio-bench: end-to-end figures against a real broker process on this machine.
//   dotnet run -c Release --project bench/Fluvio.Bench                 quick run (< 5 minutes)
//   dotnet run -c Release --project bench/Fluvio.Bench -- --full       the issue's full sizes
//   add --flush-mode interval to measure the non-durable mode
// The last line is one JSON object with the headline figures.

var settings = BenchSettings.Parse(args);
Console.WriteLine($"fluvio-bench {settings.Mode}: {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");
Console.WriteLine($"durability: {settings.FlushMode} ({(settings.FlushMode == "fsync" ? "acknowledged after fsync, grouped" : "acknowledged after the write; fsync on a timer")})");

string work = Directory.CreateTempSubdirectory("fluvio-bench-").FullName;
string brokerPath = BrokerPath();
var cluster = new LocalClusterManager(work, brokerPath);
var (broker, _) = await cluster.StartAsync(Path.Combine(work, "data"), 0, CancellationToken.None, ["--flush-mode", settings.FlushMode], scPort: 0, spuPort: 0);
var headline = new Dictionary<string, object?>();
bool failed = false;
try
{
    await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
    // Our client over the native protocol, on the same broker; null until the library has it.
    await using var native = NativeClient.TryCreate(broker.ScEndpoint, out string nativeWhy);
    using var shell = new PowerShellSession(broker.Endpoint);

    // 1, 2: the pipeline and -Path.
    await client.CreateTopicAsync(new TopicSpec("pipeline") { Partitions = 3 });
    var (send, nullSink, bulk) = PipelineSend.Run(shell, "pipeline", settings.PipelineLines);
    Print.Measurement("1 line-sink cmdlet (yardstick)", nullSink);
    Print.Measurement("1 $lines | Send-FluvioRecord", send);
    Print.Ratio("1 pipeline ratio", headline["pipeline_ratio"] = Round(send.RecordsPerSecond / nullSink.RecordsPerSecond, 2), 0.7);
    Print.Measurement("2 Send-FluvioRecord -Path", bulk);
    headline["bulk_rps"] = Round(bulk.RecordsPerSecond);

    // 3: the library producer, 100 B and 1 KiB, over gRPC, then over native.
    await client.CreateTopicAsync(new TopicSpec("produce-100b"));
    var produce100 = await LibraryProduce.RunAsync(client, "produce-100b", settings.Records, 100);
    Print.Measurement("3 library produce 100 B (gRPC)", produce100);
    headline["producer_rps_100b"] = Round(produce100.RecordsPerSecond);
    await client.CreateTopicAsync(new TopicSpec("produce-1k"));
    Print.Measurement("3 library produce 1 KiB (gRPC)", await LibraryProduce.RunAsync(client, "produce-1k", settings.LargeRecords, 1024));
    headline["producer_rps_100b_native"] = null;
    if (native is null)
    {
        Print.NotMeasured("3 library produce (native)", $"native client not available ({nativeWhy})");
    }
    else
    {
        // Topics are created over gRPC: the cases measure producing, and the admin path is shared.
        await client.CreateTopicAsync(new TopicSpec("produce-100b-native"));
        failed |= !await Attempt("3 library produce 100 B (native)", async () =>
        {
            var m = await LibraryProduce.RunAsync(native, "produce-100b-native", settings.Records, 100);
            Print.Measurement("3 library produce 100 B (native)", m);
            headline["producer_rps_100b_native"] = Round(m.RecordsPerSecond);
        });
        await client.CreateTopicAsync(new TopicSpec("produce-1k-native"));
        failed |= !await Attempt("3 library produce 1 KiB (native)", async () =>
            Print.Measurement("3 library produce 1 KiB (native)", await LibraryProduce.RunAsync(native, "produce-1k-native", settings.LargeRecords, 1024)));
    }

    // 4: the official client against our native client, same records, same broker.
    headline["producer_vs_official"] = null;
    failed |= !await Attempt("4 official client vs ours", async () =>
        headline["producer_vs_official"] = await ProducerComparison.RunAsync(client, native, nativeWhy, RepositoryRoot(), broker.ScEndpoint, settings));

    // 5: consumers.
    var (consume, consumeBatches) = await LibraryConsume.RunAsync(client, "produce-100b", settings.Records, settings.ReadRounds);
    Print.Measurement("5 library consume (best round)", consume);
    headline["consumer_rps"] = Round(consume.RecordsPerSecond);
    Print.Measurement("5 library consume, batches (best)", consumeBatches);
    headline["consumer_rps_batches"] = Round(consumeBatches.RecordsPerSecond);
    var (receive, emitter, firstRoundRatio) = PipelineReceive.Run(shell, "produce-100b", settings.Records, consume.Bytes, settings.ReadRounds);
    Print.Measurement("5 emitter cmdlet (best round)", emitter);
    Print.Measurement("5 Receive-FluvioRecord (best round)", receive);
    Print.Ratio("5 receive ratio", headline["receive_ratio"] = Round(receive.RecordsPerSecond / emitter.RecordsPerSecond, 2), 0.8);
    // The emitter gains more from the later rounds' warmer JIT than Receive-FluvioRecord does: both figures are kept.
    Print.Ratio("5 receive ratio, first round", headline["receive_ratio_first_round"] = Round(firstRoundRatio, 2), 0.8);

    // 6: recovery after SIGKILL.
    var recovery = await RecoveryScan.RunAsync(work, brokerPath, settings.RecoveryBytes);
    Console.WriteLine($"{"6 recovery scan",-34} {recovery.Bytes / 1e6,10:N0} MB in {recovery.Elapsed.TotalSeconds,6:F2} s: {recovery.Bytes / recovery.Elapsed.TotalSeconds / 1e9:F2} GB/s");
    headline["recovery_gbps"] = Round(recovery.Bytes / recovery.Elapsed.TotalSeconds / 1e9, 2);

    // 7: peak memory through PowerShell.
    await client.CreateTopicAsync(new TopicSpec("memory") { Partitions = 3 });
    var memory = PeakMemory.Run(RepositoryRoot(), broker.Endpoint, broker.ProcessId, "memory", settings.MemoryRecords);
    Console.WriteLine($"{"7 peak memory",-34} {settings.MemoryRecords,10:N0} records sent and received in {memory.Elapsed.TotalSeconds:F1} s: PowerShell process {memory.ClientMb:F0} MB ({memory.ClientLiveMb:F0} MB live after a full collection), broker {memory.BrokerCaseMb:F0} MB during case 7, {memory.BrokerLifetimeMb:F0} MB over its life");
    // peak_rss_mb keeps its first meaning (the broker's whole life, cases 1-6 included); the others split it.
    headline["peak_rss_mb"] = Round(Math.Max(memory.ClientMb, memory.BrokerLifetimeMb));
    headline["peak_rss_mb_powershell"] = Round(memory.ClientMb);
    headline["live_mb_powershell"] = Round(memory.ClientLiveMb);
    headline["peak_rss_mb_broker_case7"] = Round(memory.BrokerCaseMb);

    // 8: the official client's consumer against ours (native), reading case 3's topic.
    headline["consumer_vs_official"] = headline["consumer_vs_official_callback"] = headline["consumer_rps_native"] = null;
    failed |= !await Attempt("8 official consumer vs ours", async () =>
    {
        var (iterator, callback, oursRps) = await ConsumerComparison.RunAsync(native, nativeWhy, RepositoryRoot(), broker.ScEndpoint, "produce-100b", settings.Records, settings.OfficialRounds);
        (headline["consumer_vs_official"], headline["consumer_vs_official_callback"]) = (iterator, callback);
        headline["consumer_rps_native"] = oursRps is { } rps ? Round(rps) : null;
    });
}
finally
{
    await cluster.StopAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
    Directory.Delete(work, recursive: true);
}
Console.WriteLine(JsonSerializer.Serialize(headline));
return failed ? 1 : 0;

// A case that may fail without taking the other figures with it (the native transport is new,
// the official client is another process): the failure is printed, and the exit code says so.
static async Task<bool> Attempt(string name, Func<Task> run)
{
    try
    {
        await run();
        return true;
    }
    catch (Exception e)
    {
        Console.WriteLine($"{name,-34} FAILED: {e.GetType().Name}: {e.Message}");
        return false;
    }
}

static double Round(double value, int digits = 0) => Math.Round(value, digits);

// artifacts/bin/Fluvio.Bench/<config>/ is four folders below the repository root.
static string RepositoryRoot() => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", ".."));

static string BrokerPath()
{
    // artifacts/bin/Fluvio.Bench/<config>/ → artifacts/bin/Fluvio.Broker/<config>/fluvio-broker.dll
    var dir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
    return Path.Combine(dir.Parent!.Parent!.FullName, "Fluvio.Broker", dir.Name, "fluvio-broker.dll");
}
