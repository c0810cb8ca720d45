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
                // Refused connections are reset by the broker; the connect itself still succeeds (it is accepted first).
                await socket.ConnectAsync(spu).WaitAsync(TimeSpan.FromSeconds(10));
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
    public async Task Accepts_failing_for_want_of_descriptors_back_off_instead_of_spinning()
    {
        // A cap above the process's descriptor limit, so accepts themselves fail with EMFILE.
        await using var broker = await BrokerHost.StartAsync(null, "--max-connections", "100000", "--handshake-timeout-s", "30");
        await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
        await using var side = await SideTraffic.StartAsync(broker, client);
        await side.KeepsGoingAsync(100, TimeSpan.FromSeconds(20));
        int limit = broker.OpenDescriptors + 100;
        Prlimit(broker.ProcessId, limit);

        var idle = new List<Socket>();
        try
        {
            var spu = IPEndPoint.Parse(broker.SpuEndpoint);
            // More than the descriptors left: the kernel queues them all, the broker accepts until EMFILE.
            for (int i = 0; i < 400; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                idle.Add(socket);
                try
                {
                    await socket.ConnectAsync(spu).WaitAsync(TimeSpan.FromSeconds(2));
                }
                catch (Exception e) when (e is SocketException or TimeoutException)
                {
                    break; // the backlog is full: enough
                }
            }
            await Bounded.Until(() => broker.Diagnostics.Contains("accept failed"), TimeSpan.FromSeconds(10), "an accept to fail with EMFILE");
            long cpuBefore = broker.CpuMilliseconds;
            await Task.Delay(TimeSpan.FromSeconds(3));
            long cpu = broker.CpuMilliseconds - cpuBefore;
            // The side producer's connection was open before: it is served throughout.
            await side.KeepsGoingAsync(100, TimeSpan.FromSeconds(20));

            string log = broker.Diagnostics;
            int failedLines = Regex.Matches(log, "accept failed").Count;
            Assert.False(broker.HasExited, log);
            Assert.True(failedLines <= 12, $"{failedLines} 'accept failed' lines:\n{log[..Math.Min(log.Length, 4000)]}");
            Assert.True(cpu < 1500, $"{cpu} ms of CPU in 3 s while accepts fail (a spinning accept loop burns a core)");
            Figures.Report(output, nameof(ConnectionFloodTests),
                $"EMFILE at {limit} descriptors: {failedLines} 'accept failed' lines, {cpu} ms CPU in 3 s, {log.Length} chars of log; side producer kept going");
        }
        finally
        {
            foreach (var socket in idle)
            {
                socket.Dispose();
            }
        }
        await side.StopAndCheckAsync();
    }

    private static void Prlimit(int pid, int descriptors)
    {
        using var process = System.Diagnostics.Process.Start("prlimit", ["--pid", $"{pid}", $"--nofile={descriptors}:{descriptors}"])
            ?? throw new InvalidOperationException("prlimit did not start");
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
