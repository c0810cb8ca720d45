namespace Fluvio.Client.Tests;

public class BufferBudgetTests
{
    [Fact]
    public void Takes_room_without_blocking_while_there_is_some()
    {
        var budget = new BufferBudget(100);
        budget.Acquire(60, CancellationToken.None);
        budget.Acquire(40, CancellationToken.None);
        Assert.Equal(100, budget.Used);
    }

    [Fact]
    public async Task Blocks_when_full_until_room_is_released()
    {
        var budget = new BufferBudget(100);
        budget.Acquire(80, CancellationToken.None);
        int full = 0;
        var blocked = Task.Run(() => budget.Acquire(50, CancellationToken.None, () => Interlocked.Increment(ref full)));
        // The callback runs when Acquire finds no room and is about to wait: blocked, not just slow to start.
        await Bounded.Until(() => Volatile.Read(ref full) == 1, TimeSpan.FromSeconds(5), "Acquire to find the budget full");
        Assert.False(blocked.IsCompleted);

        budget.Release(80);
        await blocked.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(50, budget.Used);
    }

    [Fact]
    public async Task A_blocked_acquire_honours_its_token()
    {
        var budget = new BufferBudget(100);
        budget.Acquire(100, CancellationToken.None);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Run(() => budget.Acquire(10, cts.Token)));
        Assert.Equal(100, budget.Used);
    }

    [Fact]
    public void A_record_bigger_than_the_budget_passes_when_nothing_else_is_buffered()
    {
        var budget = new BufferBudget(100);
        budget.Acquire(1000, CancellationToken.None);
        Assert.Equal(1000, budget.Used);
    }
}
