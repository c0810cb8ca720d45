using Fluvio.Broker.Core;
using Fluvio.Broker.Native;

namespace Fluvio.Broker.Tests;

/// <summary>The budgets behind the native listeners' limits, and the flags that set them.</summary>
public sealed class NativeLimitsTests
{
    [Fact]
    public async Task A_budget_makes_takers_wait_in_order_and_lets_an_oversized_one_through_alone()
    {
        var budget = new ByteBudget(100);
        await budget.TakeAsync(80, CancellationToken.None);
        var large = budget.TakeAsync(60, CancellationToken.None).AsTask();
        var small = budget.TakeAsync(10, CancellationToken.None).AsTask();
        // 10 would fit, but it came after 60: first come, first served.
        Assert.False(small.IsCompleted);
        budget.Release(80);
        await large.WaitAsync(TimeSpan.FromSeconds(5));
        await small.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(70, budget.Used);
        budget.Release(70);

        // Larger than the whole budget: through once nothing else is held, or never.
        await budget.TakeAsync(500, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        budget.Release(500);
        Assert.Equal(0, budget.Used);
    }

    [Fact]
    public async Task A_cancelled_taker_gives_up_its_place_and_holds_nothing()
    {
        var budget = new ByteBudget(100);
        await budget.TakeAsync(100, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = budget.TakeAsync(50, cancel.Token).AsTask();
        var behind = budget.TakeAsync(30, CancellationToken.None).AsTask();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        budget.Release(100);
        await behind.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(30, budget.Used);
    }

    [Fact]
    public async Task Each_connection_has_its_own_allowance_before_the_shared_budget()
    {
        var shared = new ByteBudget(ResponseBudget.Allowance);
        var stalled = new ResponseBudget(shared, 16 * 1024 * 1024);
        var ordinary = new ResponseBudget(shared, 16 * 1024 * 1024);
        // A reader that never reads holds its allowance and the whole shared budget…
        using var held = await stalled.TakeAsync(2L * ResponseBudget.Allowance, CancellationToken.None);
        Assert.Equal(ResponseBudget.Allowance, shared.Used);
        // …and a small frame elsewhere still goes through at once, from its own allowance.
        var frame = ordinary.TakeAsync(64 * 1024, CancellationToken.None);
        Assert.True(frame.IsCompleted);
        using (await frame)
        {
        }
        held.ShrinkTo(ResponseBudget.Allowance);
        Assert.Equal(0, shared.Used);
    }

    [Fact]
    public void The_flags_set_the_native_limits_and_the_defaults_hold_without_them()
    {
        var defaults = BrokerOptions.Parse([]).NativeLimits;
        Assert.Equal(new NativeLimits(), defaults);
        Assert.Equal(1024, defaults.MaxConnections);
        Assert.Equal(TimeSpan.FromSeconds(10), defaults.HandshakeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(300), defaults.IdleTimeout);

        var options = BrokerOptions.Parse([
            "--max-connections", "200", "--handshake-timeout-s", "3", "--idle-timeout-s", "40",
            "--max-pending-frame-bytes", "1000000", "--max-pending-response-bytes", "2000000", "--max-connection-response-bytes", "300000",
        ]);
        var limits = options.NativeLimits;
        // Read answers are bounded for both doors, so that budget is the core's.
        Assert.Equal(2_000_000, options.Limits.MaxPendingResponseBytes);
        Assert.Equal(new NativeLimits
        {
            MaxConnections = 200,
            HandshakeTimeout = TimeSpan.FromSeconds(3),
            IdleTimeout = TimeSpan.FromSeconds(40),
            MaxPendingFrameBytes = 1_000_000,
            MaxConnectionResponseBytes = 300_000,
        }, limits);
        Assert.Throws<ArgumentException>(() => BrokerOptions.Parse(["--max-connections", "0"]));
    }
}
