using System.Buffers.Binary;
using Fluvio.Client;
using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests.Hostile;

/// <summary>
/// Issue 12, item 7: frames were bounded one at a time (64 MiB) with no total and no read
/// timeout, so 40 connections each sending 33 MiB of a declared 64 MiB frame left 2.0 GB held.
/// Now what incomplete frames hold past their first 64 KiB is charged to one broker-wide budget
/// (--max-pending-frame-bytes): a connection that finds it spent is not read until room comes
/// back. And a started frame must complete within --idle-timeout-s, or its connection is closed
/// and its bytes given back.
/// </summary>
public sealed class PartialFrameTests(ITestOutputHelper output)
{
    private const int Declared = 32 * 1024 * 1024;
    private const int Sent = 17 * 1024 * 1024;
    private const int BudgetMiB = 32;

    [Fact(Timeout = 120_000)]
    public async Task Half_sent_frames_are_bounded_in_total_and_closed_by_the_timeout_while_a_side_producer_loses_nothing()
    {
        int attackers = Mode.Pick(24, 40);
        await using var broker = await BrokerHost.StartAsync(null,
            "--max-pending-frame-bytes", $"{BudgetMiB * 1024 * 1024}", "--idle-timeout-s", "6");
        await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
        await using var side = await SideTraffic.StartAsync(broker, client);
        await side.KeepsGoingAsync(100, TimeSpan.FromSeconds(20));
        long residentAtStart = broker.ResidentMiB;

        var connections = new List<RawNativeSocket>();
        var sends = new List<Task>();
        using var stopSending = new CancellationTokenSource();
        await using var peaks = new BrokerPeaks(broker);
        try
        {
            // A valid request header's worth of frame: the size, then 17 of its 32 MiB.
            var partial = new byte[4 + Sent];
            BinaryPrimitives.WriteInt32BigEndian(partial, Declared);
            for (int i = 0; i < attackers; i++)
            {
                var connection = await RawNativeSocket.ConnectAsync(broker.SpuEndpoint);
                connections.Add(connection);
                // Not awaited: once the budget is spent the broker stops reading, and these block.
                sends.Add(SendIgnoringFailureAsync(connection, partial, stopSending.Token));
            }
            // The broker reads what its budget allows and then holds the rest unread; ordinary
            // (small) requests still get through on new connections meanwhile.
            await Task.Delay(TimeSpan.FromSeconds(3));
            await using (var other = await RawNativeSocket.ConnectAsync(broker.ScEndpoint))
            {
                Assert.True(await other.AnswersApiVersionsAsync(TimeSpan.FromSeconds(10)), "ApiVersions on the SC port during the attack");
            }
            await side.KeepsGoingAsync(100, TimeSpan.FromSeconds(20));
            long duringAttack = peaks.ResidentMiB;
            // The budget, 64 KiB free per connection, and the buffers a doubling buffer leaves for the collector.
            Assert.True(duringAttack <= residentAtStart + 3 * BudgetMiB + 100,
                $"{duringAttack} MiB resident during the attack ({residentAtStart} before; budget {BudgetMiB} MiB)");

            // The idle timeout (6 s) closes every connection whose frame never completes.
            foreach (var connection in connections)
            {
                Assert.True(await connection.ClosedByBrokerAsync(TimeSpan.FromSeconds(30)), "an attacker's connection stayed open past the idle timeout");
            }
            stopSending.Cancel();
            await Task.WhenAll(sends).Within(TimeSpan.FromSeconds(30), "the attackers' sends");

            // Its bytes came back: a frame needing the whole budget is read (and, being garbage, closes its connection).
            await using (var big = await RawNativeSocket.ConnectAsync(broker.SpuEndpoint))
            {
                var whole = new byte[4 + BudgetMiB * 1024 * 1024];
                BinaryPrimitives.WriteInt32BigEndian(whole, whole.Length - 4);
                await SendIgnoringFailureAsync(big, whole, CancellationToken.None).Within(TimeSpan.FromSeconds(30), "a whole 32 MiB frame after the attack");
                Assert.True(await big.ClosedByBrokerAsync(TimeSpan.FromSeconds(30)), "the 32 MiB garbage frame was not read to its end");
            }

            await side.StopAndCheckAsync();
            Assert.False(broker.HasExited, broker.Diagnostics);
            Figures.Report(output, nameof(PartialFrameTests),
                $"{attackers} connections each sending {Sent >> 20} of a declared {Declared >> 20} MiB frame, budget {BudgetMiB} MiB: peak {duringAttack} MiB RSS during the attack ({residentAtStart} before), {peaks.ResidentMiB} MiB overall; all closed by the idle timeout; side producer {side.Acknowledged} acknowledged, 0 lost");
        }
        finally
        {
            stopSending.Cancel();
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task SendIgnoringFailureAsync(RawNativeSocket connection, byte[] bytes, CancellationToken cancellationToken)
    {
        try
        {
            await connection.SendAsync(bytes, cancellationToken);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            // Closed by the broker (the point of the test) or stopped by it.
        }
    }
}
