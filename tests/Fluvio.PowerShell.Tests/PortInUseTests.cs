using System.Management.Automation;
using System.Net;
using System.Net.Sockets;

namespace Fluvio.PowerShell.Tests;

/// <summary>
/// Another program (a Fluvio cluster of the user's, another test run) holds ports the local
/// cluster wants: Start-FluvioLocalCluster says which one in one line, and -Port 0 avoids all of them.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class PortInUseTests(LocalClusterFixture cluster)
{
    [Theory]
    [InlineData("Port", "gRPC")]
    [InlineData("ScPort", "native SC")]
    [InlineData("SpuPort", "native SPU")]
    public void A_taken_port_is_named_in_one_line(string parameter, string listener)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var home = PrivateHome();
        using var shell = cluster.NewShell();

        string others = parameter == "Port" ? "-ScPort 0 -SpuPort 0" : "-Port 0";

        var result = shell.RunStrict($"Start-FluvioLocalCluster {others} -{parameter} {port}");

        var error = result.AssertTerminating("PortInUse", "StartFluvioLocalClusterCommand", ErrorCategory.ResourceUnavailable);
        Assert.Equal(
            $"Port {port} on 127.0.0.1 (the {listener} port) is already in use by another program. Choose free ports with -Port 0, or others with -Port, -ScPort and -SpuPort.",
            error.ErrorDetails.Message);
        Assert.DoesNotContain('\n', error.ToString());
        Assert.Empty(shell.Run("Get-FluvioLocalCluster").AssertClean().Output);
    }

    [Fact]
    public void Port_zero_picks_free_native_ports_too()
    {
        using var sc = Hold(9003);
        using var spu = Hold(9010);
        using var home = PrivateHome();
        using var shell = cluster.NewShell();

        var started = Assert.Single(shell.Run("Start-FluvioLocalCluster -Port 0").AssertClean().Output);
        try
        {
            Assert.NotEqual("127.0.0.1:9003", started.P("ScEndpoint"));
            Assert.NotEqual("127.0.0.1:9010", started.P("SpuEndpoint"));
            Assert.Equal(9003, sc.Port);
        }
        finally
        {
            shell.Run("Stop-FluvioLocalCluster").AssertClean();
        }
    }

    /// <summary>A home of its own, so this start does not find the suite's running cluster.</summary>
    private TemporaryEnvironment PrivateHome() =>
        new(("FLUVIO_POWERSHELL_HOME", Path.Combine(cluster.Home, "other-" + Guid.NewGuid().ToString("N"))));

    /// <summary>
    /// Makes sure <paramref name="port"/> is taken during the test: by us, or already by someone
    /// else (CI keeps a listener on Fluvio's default ports for exactly this).
    /// </summary>
    private static HeldPort Hold(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return new HeldPort(port, listener);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return new HeldPort(port, null);
        }
    }

    private sealed record HeldPort(int Port, TcpListener? Listener) : IDisposable
    {
        public void Dispose() => Listener?.Stop();
    }
}
