namespace Fluvio.Storage.Tests;

public class WaitForDataTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Completes_at_once_when_data_is_there_and_on_the_next_append_otherwise()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("t"));
        var log = store.GetPartition("t", 0);
        await log.AppendAsync(Batches.Make(2, "x"));

        Assert.True(log.WaitForDataAsync(1, CancellationToken.None).IsCompleted);
        // Armed when the call returns: the next commit wakes it, no earlier one can be missed.
        var waiting = log.WaitForDataAsync(2, CancellationToken.None);
        var waitingFurther = log.WaitForDataAsync(3, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        await log.AppendAsync(Batches.Make(1, "y"));

        await waiting.WaitAsync(Timeout);
        Assert.False(waitingFurther.IsCompleted); // offset 3 is not there yet: still waiting
        await log.AppendAsync(Batches.Make(1, "z"));
        await waitingFurther.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Many_waiters_wake_on_one_commit()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("t"));
        var log = store.GetPartition("t", 0);
        // All armed before the commit (each is waiting when its call returns), so the commit is what wakes them.
        var waiters = Enumerable.Range(0, 50).Select(_ => log.WaitForDataAsync(0, CancellationToken.None)).ToArray();
        Assert.All(waiters, w => Assert.False(w.IsCompleted));

        await log.AppendAsync(Batches.Make(1, "x"));

        await Task.WhenAll(waiters).WaitAsync(Timeout);
    }

    [Fact]
    public async Task Is_cancelled_by_its_token()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("t"));
        var log = store.GetPartition("t", 0);
        using var cts = new CancellationTokenSource();

        var waiting = log.WaitForDataAsync(0, cts.Token);
        Assert.False(waiting.IsCompleted);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Timeout));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => log.WaitForDataAsync(0, cts.Token));
    }

    [Fact]
    public async Task Completes_when_the_store_closes()
    {
        using var dir = new TempDirectory();
        var store = LogStore.Open(dir.Path, Batches.Options());
        store.CreateTopic(Batches.Topic("t"));
        var waiting = store.GetPartition("t", 0).WaitForDataAsync(0, CancellationToken.None);

        await store.DisposeAsync();

        await waiting.WaitAsync(Timeout);
    }
}
