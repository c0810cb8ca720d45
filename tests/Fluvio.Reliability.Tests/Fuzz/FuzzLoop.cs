using System.Diagnostics;

namespace Fluvio.Reliability.Tests.Fuzz;

/// <summary>
/// Runs a decoder over generated inputs for a fixed time on its own thread, and fails with the
/// offending input (hex) when one makes the decoder throw something other than its documented
/// "bad input" exception, run longer than a few seconds (a hang), or allocate without bound.
/// </summary>
internal static class FuzzLoop
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(5);
    private const long AllocationLimit = 512L << 20;

    /// <summary>Returns how many inputs were tried.</summary>
    public static async Task<long> RunAsync(string name, TimeSpan duration, Func<byte[]> next, Action<byte[]> target, params Type[] expected)
    {
        long tried = 0;
        byte[]? current = null;
        long startedAt = 0;
        string? finding = null;
        var clock = Stopwatch.StartNew();
        var worker = new Thread(() =>
        {
            while (clock.Elapsed < duration && finding is null)
            {
                byte[] input = next();
                Volatile.Write(ref current, input);
                Volatile.Write(ref startedAt, clock.ElapsedTicks);
                long before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    target(input);
                }
                catch (Exception e) when (expected.Any(t => t.IsInstanceOfType(e)))
                {
                }
                catch (Exception e)
                {
                    finding = $"{name}: {e.GetType().Name}: {e.Message}\ninput: {Convert.ToHexString(input)}\n{e.StackTrace}";
                }
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                if (allocated > AllocationLimit)
                {
                    finding = $"{name}: one input of {input.Length} bytes allocated {allocated >> 20} MiB\ninput: {Convert.ToHexString(input)}";
                }
                Interlocked.Increment(ref tried);
            }
        })
        { IsBackground = true, Name = $"fuzz {name}" };
        worker.Start();
        while (worker.IsAlive)
        {
            await Task.Delay(100);
            long running = clock.ElapsedTicks - Volatile.Read(ref startedAt);
            if (worker.IsAlive && running > HangLimit.TotalSeconds * Stopwatch.Frequency && clock.Elapsed > HangLimit)
            {
                byte[]? stuck = Volatile.Read(ref current);
                throw new TimeoutException($"{name}: one input ran for more than {HangLimit.TotalSeconds} s (a hang)\ninput: {Convert.ToHexString(stuck ?? [])}");
            }
        }
        Assert.True(finding is null, finding);
        return tried;
    }
}
