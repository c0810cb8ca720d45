using System.Runtime.InteropServices;
using System.Text.Json;
using Fluvio.Bench;
using Fluvio.Client;
using Fluvio.Client.LocalCluster;

// fluvio-bench: end-to-end figures against a real broker process on this machine.
//   dotnet run -c Release --project bench/Fluvio.Bench                 quick run (< 3 minutes)
//   dotnet run -c Release --project bench/Fluvio.Bench -- --full       the issue's full sizes
//   add --flush-mode interval to measure the non-durable mode
// The last line is one JSON object with the headline figures.

if (args.FirstOrDefault() == PeakMemory.ChildFlag)
{
    return PeakMemory.Child(args);
}

var settings = BenchSettings.Parse(args);
Console.WriteLine($"fluvio-bench {settings.Mode}: {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");
Console.WriteLine($"durability: {settings.FlushMode} ({(settings.FlushMode == "fsync" ? "acknowledged after fsync, grouped" : "acknowledged after the write; fsync on a timer")})");

string work = Directory.CreateTempSubdirectory("fluvio-bench-").FullName;
string brokerPath = BrokerPath();
var cluster = new LocalClusterManager(work, brokerPath);
var (broker, _) = await cluster.StartAsync(Path.Combine(work, "data"), 0, CancellationToken.None, ["--flush-mode", settings.FlushMode], scPort: 0, spuPort: 0);
var headline = new Dictionary<string, object>();
try
{
    await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
    using var shell = new PowerShellSession(broker.Endpoint);

    // 1, 2: the pipeline and -Path.
    await client.CreateTopicAsync(new TopicSpec("pipeline") { Partitions = 3 });
    var (send, nullSink, bulk) = PipelineSend.Run(shell, "pipeline", settings.PipelineLines);
    Report("1 line-sink cmdlet (yardstick)", nullSink);
    Report("1 $lines | Send-FluvioRecord", send);
    Ratio("1 pipeline ratio", headline["pipeline_ratio"] = Round(send.RecordsPerSecond / nullSink.RecordsPerSecond, 2), 0.7);
    Report("2 Send-FluvioRecord -Path", bulk);
    headline["bulk_rps"] = Round(bulk.RecordsPerSecond);

    // 3: the library producer, 100 B and 1 KiB.
    await client.CreateTopicAsync(new TopicSpec("produce-100b"));
    var produce100 = await LibraryProduce.RunAsync(client, "produce-100b", settings.Records, 100);
    Report("3 library produce 100 B (gRPC)", produce100);
    headline["producer_rps_100b"] = Round(produce100.RecordsPerSecond);
    await client.CreateTopicAsync(new TopicSpec("produce-1k"));
    Report("3 library produce 1 KiB (gRPC)", await LibraryProduce.RunAsync(client, "produce-1k", settings.LargeRecords, 1024));
    Console.WriteLine("3 over native / 4 official client: need the native client transport (issue 5); not measured.");

    // 5: consumers.
    var consume = await LibraryConsume.RunAsync(client, "produce-100b", settings.Records);
    Report("5 library consume", consume);
    headline["consumer_rps"] = Round(consume.RecordsPerSecond);
    var (receive, emitter) = PipelineReceive.Run(shell, "produce-100b", settings.Records, consume.Bytes);
    Report("5 emitter cmdlet (yardstick)", emitter);
    Report("5 Receive-FluvioRecord", receive);
    Ratio("5 receive ratio", headline["receive_ratio"] = Round(receive.RecordsPerSecond / emitter.RecordsPerSecond, 2), 0.7);

    // 6: recovery after SIGKILL.
    var recovery = await RecoveryScan.RunAsync(work, brokerPath, settings.RecoveryBytes);
    Console.WriteLine($"{"6 recovery scan",-34} {recovery.Bytes / 1e6,10:N0} MB in {recovery.Elapsed.TotalSeconds,6:F2} s: {recovery.Bytes / recovery.Elapsed.TotalSeconds / 1e9:F2} GB/s");
    headline["recovery_gbps"] = Round(recovery.Bytes / recovery.Elapsed.TotalSeconds / 1e9, 2);

    // 7: peak memory through PowerShell.
    await client.CreateTopicAsync(new TopicSpec("memory") { Partitions = 3 });
    var (clientMb, brokerMb, elapsed) = PeakMemory.Run(broker.Endpoint, broker.ProcessId, "memory", settings.MemoryRecords);
    Console.WriteLine($"{"7 peak memory",-34} {settings.MemoryRecords,10:N0} records sent and received in {elapsed.TotalSeconds:F1} s: PowerShell process {clientMb:F0} MB, broker {brokerMb:F0} MB");
    headline["peak_rss_mb"] = Round(Math.Max(clientMb, brokerMb));
}
finally
{
    await cluster.StopAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
    Directory.Delete(work, recursive: true);
}
Console.WriteLine(JsonSerializer.Serialize(headline));
return 0;

static void Report(string name, Measurement m) =>
    Console.WriteLine($"{name,-34} {m.Records,10:N0} records in {m.Elapsed.TotalSeconds,6:F2} s: {m.RecordsPerSecond,11:N0} records/s, {m.MegabytesPerSecond,7:F1} MB/s{(m.Latency is { } l ? $", {l}" : "")}");

static void Ratio(string name, object ratio, double target) =>
    Console.WriteLine($"{name,-34} {ratio} (target ≥ {target})");

static double Round(double value, int digits = 0) => Math.Round(value, digits);

static string BrokerPath()
{
    // artifacts/bin/Fluvio.Bench/<config>/ → artifacts/bin/Fluvio.Broker/<config>/fluvio-broker.dll
    var dir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
    return Path.Combine(dir.Parent!.Parent!.FullName, "Fluvio.Broker", dir.Name, "fluvio-broker.dll");
}
