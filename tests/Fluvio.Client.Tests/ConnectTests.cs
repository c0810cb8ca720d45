using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Fluvio.Client.Tests;

public class ConnectTests
{
    internal static Uri ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }

    [Fact]
    public async Task Connecting_to_a_closed_port_fails_fast_with_ConnectionFailed()
    {
        var endpoint = ClosedPort();
        var options = new FluvioClientOptions { ConnectTimeout = TimeSpan.FromSeconds(3) };
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<FluvioException>(() => FluvioClient.ConnectAsync(endpoint, options));

        Assert.True(clock.Elapsed < options.ConnectTimeout, $"took {clock.Elapsed}");
        Assert.Equal(FluvioErrorCode.ConnectionFailed, e.Code);
        Assert.Equal($"Cannot reach the Fluvio broker at http://127.0.0.1:{endpoint.Port}: connection refused.", e.Message);
    }

    [Fact]
    public async Task Create_does_no_io_and_the_first_call_fails_with_ConnectionFailed()
    {
        await using var client = FluvioClient.Create(ClosedPort());
        var e = await Assert.ThrowsAsync<FluvioException>(() => client.ListTopicsAsync());
        Assert.Equal(FluvioErrorCode.ConnectionFailed, e.Code);
    }

    [Fact]
    public async Task A_silent_server_fails_the_connect_within_the_connect_timeout()
    {
        // Accepts TCP but never speaks HTTP/2.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
            var options = new FluvioClientOptions { ConnectTimeout = TimeSpan.FromMilliseconds(500) };
            var clock = Stopwatch.StartNew();
            var e = await Assert.ThrowsAsync<FluvioException>(() => FluvioClient.ConnectAsync(endpoint, options));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
            Assert.Equal(FluvioErrorCode.ConnectionFailed, e.Code);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task A_native_port_that_accepts_and_stays_silent_is_not_called_no_connection()
    {
        // Accepts TCP but never answers Fluvio's ApiVersions: the connection was made, so saying
        // "no connection" would send the user looking for a firewall instead of the wrong port.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var options = new FluvioClientOptions { ConnectTimeout = TimeSpan.FromMilliseconds(500) };
            await using var client = FluvioClient.Create(new Uri($"fluvio://127.0.0.1:{port}"), options);

            var e = await Assert.ThrowsAsync<FluvioException>(() => client.ListTopicsAsync());

            Assert.Equal(FluvioErrorCode.ConnectionFailed, e.Code);
            Assert.Equal($"Cannot reach the Fluvio broker at fluvio://127.0.0.1:{port}: connected, but within 0.5 s no answer to Fluvio's version exchange came (is 127.0.0.1:{port} a Fluvio SC or SPU port?).", e.Message);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task Cancelling_the_connect_throws_OperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FluvioClient.ConnectAsync(ClosedPort(), ct: cts.Token));
    }

    [Theory]
    [InlineData("ftp://host:1")]
    [InlineData("/relative")]
    public void Only_http_and_https_endpoints_are_accepted(string endpoint)
    {
        var e = Assert.Throws<FluvioException>(() => FluvioClient.Create(new Uri(endpoint, UriKind.RelativeOrAbsolute)));
        Assert.Equal(FluvioErrorCode.InvalidArgument, e.Code);
    }

    [Fact]
    public void Bad_options_are_InvalidArgument()
    {
        var e = Assert.Throws<FluvioException>(() => FluvioClient.Create(new Uri("http://localhost:1"), new FluvioClientOptions { ConnectTimeout = TimeSpan.Zero }));
        Assert.Equal(FluvioErrorCode.InvalidArgument, e.Code);
        Assert.Contains("ConnectTimeout", e.Message);
    }
}
