namespace Fluvio.Testing;

/// <summary>
/// Hang guards: every wait in the tests has an end, and a miss says what was awaited. Wait for the
/// state a test needs with these, never with a sleep.
/// </summary>
public static class Bounded
{
    public static async Task<T> Within<T>(this Task<T> task, TimeSpan limit, string what)
    {
        try
        {
            return await task.WaitAsync(limit);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new TimeoutException($"Hung: {what} did not finish within {limit.TotalSeconds:0.#} s.");
        }
    }

    public static async Task Within(this Task task, TimeSpan limit, string what)
    {
        try
        {
            await task.WaitAsync(limit);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new TimeoutException($"Hung: {what} did not finish within {limit.TotalSeconds:0.#} s.");
        }
    }

    /// <summary>Waits (polling, bounded) until <paramref name="condition"/> holds.</summary>
    public static async Task Until(Func<bool> condition, TimeSpan limit, string what)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Hung: {what} did not happen within {limit.TotalSeconds:0.#} s.");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>Waits (polling, bounded) until the asynchronous <paramref name="condition"/> holds.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan limit, string what)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Hung: {what} did not happen within {limit.TotalSeconds:0.#} s.");
            }
            await Task.Delay(20);
        }
    }
}
