using System.Text.Json;
using Fluvio.Broker;
using Fluvio.Broker.Core;
using Fluvio.Broker.Native;
using Fluvio.Broker.Security;
using Fluvio.Broker.Services;
using Fluvio.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// fluvio-broker: the embedded local cluster. stdout carries only machine-readable event lines;
// diagnostics go to stderr.

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BrokerOptions.Usage + SecurityOptions.Usage);
    return 0;
}

BrokerOptions options;
BrokerSecurity security;
try
{
    (security, var brokerArgs) = BrokerSecurity.FromArguments(args);
    options = BrokerOptions.Parse(brokerArgs);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"fluvio-broker: {e.Message}");
    Console.Error.WriteLine(BrokerOptions.Usage);
    return 2;
}

if (options.Detach)
{
    Detach.FromTerminal();
}
if (options.LogFile is not null)
{
    Console.SetError(new StreamWriter(options.LogFile, append: true) { AutoFlush = true });
}

if (security.NativeRefusal(options.NativeOff) is { } refusal)
{
    return StartupFailure.Report("NativeUnauthenticated", refusal);
}

Directory.CreateDirectory(options.DataDirectory);
Action<string> log = line => Console.Error.WriteLine($"fluvio-broker: {line}");
security.WarnIfExposed(options.Host, log);
await using var store = LogStore.Open(options.DataDirectory, options.ToStorageOptions(log));

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
// The host's own "failed to start" is thrown to us as well, and reported below (a taken port in one line).
builder.Logging.AddFilter((category, level) => level >= LogLevel.Warning && category != "Microsoft.Extensions.Hosting.Internal.Host");
builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(options.Host, options.GrpcPort, listen =>
    {
        listen.Protocols = HttpProtocols.Http2;
        security.Apply(listen);
    });
    // A producer keeps many requests in flight on one stream; let it.
    kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
    kestrel.Limits.Http2.InitialConnectionWindowSize = 16 * 1024 * 1024;
    kestrel.Limits.Http2.InitialStreamWindowSize = 8 * 1024 * 1024;
    kestrel.Limits.MaxRequestBodySize = null;
});
builder.Services.AddSingleton(store);
var core = new BrokerCore(store, options.Limits)
{
    SmartModules = new Fluvio.Broker.SmartModules.SmartModuleEngine(new(), new(Path.Combine(options.DataDirectory, "smartmodules"))),
};
builder.Services.AddSingleton(core);
builder.Services.AddGrpc(grpc =>
{
    // Above the largest batch the broker accepts, so an oversized record gets our RecordTooLarge, not a transport reset.
    grpc.MaxReceiveMessageSize = 64 * 1024 * 1024;
    grpc.MaxSendMessageSize = 64 * 1024 * 1024;
    security.Apply(grpc);
});
// Only produce requests carry batches: the other services' requests are names and numbers, so a
// 20 MB consumer id or topic name is refused as it arrives instead of being held whole. A consume
// request may carry SmartModules, each up to the engine's module limit (a Rust one is ~250 KB).
const int SmallRequestBytes = 64 * 1024;
builder.Services.AddGrpc().AddServiceOptions<AdminService>(o => o.MaxReceiveMessageSize = SmallRequestBytes);
builder.Services.AddGrpc().AddServiceOptions<ConsumerService>(o => o.MaxReceiveMessageSize = core.SmartModules.Limits.MaxModuleBytes + SmallRequestBytes);
builder.Services.AddGrpc().AddServiceOptions<OffsetsService>(o => o.MaxReceiveMessageSize = SmallRequestBytes);
builder.Services.AddGrpc().AddServiceOptions<SmartModuleAdminService>(o => o.MaxReceiveMessageSize = core.SmartModules.Limits.MaxModuleBytes + SmallRequestBytes);

var app = builder.Build();
app.MapGrpcService<AdminService>();
app.MapGrpcService<SmartModuleAdminService>();
app.MapGrpcService<ProducerService>();
app.MapGrpcService<ConsumerService>();
app.MapGrpcService<OffsetsService>();

try
{
    await app.StartAsync();
}
catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException inUse)
{
    return StartupFailure.Report(new PortInUseException("gRPC", "--grpc-port", new System.Net.IPEndPoint(options.Host, options.GrpcPort), inUse));
}
// Declared after the store, so it is disposed before it: streams end before the logs close.
NativeServer? native = null;
try
{
    if (!options.NativeOff)
    {
        var binding = NativeBinding.Choose(options.Host, security.AuthenticatesNativeClients);
        native = NativeServer.Start(core, binding, options.ScPort, options.SpuPort, security.NativeTls, options.NativeLimits, log);
    }
}
catch (PortInUseException e)
{
    await app.StopAsync();
    return StartupFailure.Report(e);
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine($"fluvio-broker: {e.Message}");
    await app.StopAsync();
    return 1;
}
await using var nativeServer = native;
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.Out.WriteLine(JsonSerializer.Serialize(new ReadyEvent(
    "ready", address, native is null ? null : NativeServer.Display(native.ScEndpoint), native is null ? null : NativeServer.Display(native.SpuEndpoint),
    security.NativeTls is not null, Environment.ProcessId, options.DataDirectory, options.FlushMode.ToString().ToLowerInvariant()), BrokerJson.Default.ReadyEvent));
Console.Out.Flush();
await app.WaitForShutdownAsync();
await app.DisposeAsync();
Console.Error.WriteLine("fluvio-broker: stopped");
return 0;

internal sealed record ReadyEvent(
    [property: System.Text.Json.Serialization.JsonPropertyName("event")] string Event,
    [property: System.Text.Json.Serialization.JsonPropertyName("grpc")] string Grpc,
    [property: System.Text.Json.Serialization.JsonPropertyName("sc")] string? Sc,
    [property: System.Text.Json.Serialization.JsonPropertyName("spu")] string? Spu,
    [property: System.Text.Json.Serialization.JsonPropertyName("nativeTls")] bool NativeTls,
    [property: System.Text.Json.Serialization.JsonPropertyName("pid")] int Pid,
    [property: System.Text.Json.Serialization.JsonPropertyName("dataDir")] string DataDir,
    [property: System.Text.Json.Serialization.JsonPropertyName("flushMode")] string FlushMode);

// Source-generated, not reflection: the broker is also published trimmed and as Native AOT.
[System.Text.Json.Serialization.JsonSerializable(typeof(ReadyEvent))]
[System.Text.Json.Serialization.JsonSerializable(typeof(FailedEvent))]
internal sealed partial class BrokerJson : System.Text.Json.Serialization.JsonSerializerContext;
