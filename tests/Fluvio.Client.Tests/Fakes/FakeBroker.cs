using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fluvio.Client.Tests.Fakes;

/// <summary>
/// An in-process stand-in for fluvio-broker: the four gRPC services over in-memory logs, on
/// Kestrel at a loopback port, with hooks to inject faults. Just enough broker to drive the
/// client's streaming logic; the real broker has its own end-to-end tests.
/// </summary>
internal sealed class FakeBroker : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeBroker(WebApplication app, FakeState state, Uri endpoint)
    {
        _app = app;
        State = state;
        Endpoint = endpoint;
    }

    public FakeState State { get; }

    public Uri Endpoint { get; }

    public static async Task<FakeBroker> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = 64 * 1024 * 1024);
        var state = new FakeState();
        builder.Services.AddSingleton(state);
        var app = builder.Build();
        app.MapGrpcService<FakeAdminService>();
        app.MapGrpcService<FakeProducerService>();
        app.MapGrpcService<FakeConsumerService>();
        app.MapGrpcService<FakeOffsetsService>();
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FakeBroker(app, state, new Uri(address));
    }

    public Task<FluvioClient> ConnectAsync(FluvioClientOptions? options = null) => FluvioClient.ConnectAsync(Endpoint, options);

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await _app.StopAsync(cts.Token);
        await _app.DisposeAsync();
    }
}
