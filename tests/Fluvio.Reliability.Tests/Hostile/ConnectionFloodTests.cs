using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Fluvio.Client;
using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests.Hostile;

/// <summary>
/// Issue 12, item 3: ~20,000 idle TCP connections to the SPU port made the broker's accept loop
/// spin on "Too many open files" (3.8 MB of log) until it ran out of memory. Now each native
/// listener serves at most --max-connections (refusing the rest at once, logged once a second),
/// a connection that sends no request within --handshake-timeout-s is closed, and an accept that
/// fails for want of descriptors backs off instead of spinning.
/// </summary>
public sealed class ConnectionFloodTests(ITestOutputHelper output)
{
    [Fact(Timeout = 60_000)]
    public async Task A_flood_of_idle_connections_is_capped_and_timed_out_while_a_side_producer_loses_nothing()
    {
        const int Cap = 200;
        int flood = Mode.Pick(1_000, 5_000);
        await using var broker = await BrokerHost.StartAsync(null, "--max-connections", $"{Cap}", "--handshake-timeout-s", "2");
        await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
        await using var side = await SideTraffic.StartAsync(broker, client);
        await side.KeepsGoingAsync(100, TimeSpan.FromSeconds(20));
        int descriptorsAtStart = broker.OpenDescriptors;
        long residentAtStart = broker.ResidentMiB;

        var idle = new List<Socket>(flood);
        await using var peaks = new BrokerPeaks(broker);
        try
        {
            var spu = IPEndPoint.Parse(broker.SpuEndpoint);
            for (int i = 0; i < flood; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                idle.Add(socket);
                try
                {
                    await socket.ConnectAsync(spu).WaitAsync(TimeSpan.FromSeconds(10));
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
                {
                    // Refused past the cap: accepted and reset by the broker before the connect returned here.
                }
            }
            // The gRPC door is unaffected while they are open; then the timeout empties the listener.
            await side.KeepsGoingAsync(100, TimeSpan.FromSeconds(20));
            await Bounded.Until(() => broker.OpenDescriptors <= descriptorsAtStart + 16, TimeSpan.FromSeconds(15), "the idle connections to be closed by the handshake timeout");
            await using (var late = await RawNativeSocket.ConnectAsync(broker.SpuEndpoint))
            {
                Assert.True(await late.AnswersApiVersionsAsync(TimeSpan.FromSeconds(10)), "ApiVersions on a new SPU connection after the flood");
            }
        }
        finally
        {
            foreach (var socket in idle)
            {
                socket.Dispose();
            }
        }
        await side.StopAndCheckAsync();

        string log = broker.Diagnostics;
        int refusedLines = Regex.Matches(log, "refused .* connection").Count;
        Assert.False(broker.HasExited, log);
        Assert.True(peaks.Descriptors <= descriptorsAtStart + Cap + 32, $"{peaks.Descriptors} descriptors at the peak ({descriptorsAtStart} before the flood, cap {Cap})");
        Assert.True(peaks.ResidentMiB <= residentAtStart + 150, $"{peaks.ResidentMiB} MiB resident at the peak ({residentAtStart} before)");
        Assert.InRange(refusedLines, 1, 60);
        Assert.True(log.Length < 64 * 1024, $"{log.Length} characters of log");
        Figures.Report(output, nameof(ConnectionFloodTests),
            $"{flood} idle connections, cap {Cap}: peak {peaks.Descriptors} descriptors ({descriptorsAtStart} before), peak {peaks.ResidentMiB} MiB RSS ({residentAtStart} before), {refusedLines} 'refused' log lines, {log.Length} chars of log; side producer {side.Acknowledged} acknowledged, 0 lost");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_cap_above_the_descriptor_limit_is_lowered_so_a_flood_never_runs_the_broker_out_of_descriptors()
    {
        // Out of descriptors the .NET runtime aborts ("Out of memory.", as on main), whatever the
        // accept loop does: the cap must stop connections first, so it is fitted to the limit.
        const int Descriptors = 1024;
        await using var broker = await BrokerHost.StartAsync(null, ["prlimit", $"--nofile={Descriptors}:{Descriptors}", "--"],
            "--max-connections", "100000", "--handshake-timeout-s", "5");
        Assert.Contains("does not fit this process's limit", broker.Diagnostics);
        await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
        await using var side = await SideTraffic.StartAsync(broker, client);
        await side.KeepsGoingAsync(100, TimeSpan.FromSeconds(20));

        var idle = new List<Socket>();
        await using var peaks = new BrokerPeaks(broker);
        try
        {
            var spu = IPEndPoint.Parse(broker.SpuEndpoint);
            for (int i = 0; i < 1_500; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                idle.Add(socket);
                try
                {
                    await socket.ConnectAsync(spu).WaitAsync(TimeSpan.FromSeconds(10));
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
                {
                    // Refused past the cap.
                }
            }
            await side.KeepsGoingAsync(100, TimeSpan.FromSeconds(20));
        }
        finally
        {
            foreach (var socket in idle)
            {
                socket.Dispose();
            }
        }
        await side.StopAndCheckAsync();
        string log = broker.Diagnostics;
        Assert.False(broker.HasExited, log);
        Assert.DoesNotContain("Too many open files", log);
        Assert.True(peaks.Descriptors < Descriptors - 64, $"{peaks.Descriptors} descriptors at the peak, limit {Descriptors}");
        Figures.Report(output, nameof(ConnectionFloodTests),
            $"1500 idle connections, --max-connections 100000 under a {Descriptors}-descriptor limit: peak {peaks.Descriptors} descriptors, no EMFILE, {log.Length} chars of log; side producer {side.Acknowledged} acknowledged, 0 lost");
    }
}
