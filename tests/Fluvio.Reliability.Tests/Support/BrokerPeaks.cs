namespace Fluvio.Reliability.Tests;

/// <summary>
/// The broker's highest resident memory and descriptor count while an attack runs, sampled every
/// 50 ms: a single reading at the end could miss a peak the broker had already given back.
/// </summary>
internal sealed class BrokerPeaks : IAsyncDisposable
{
    private readonly BrokerHost _broker;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _residentMiB;
    private int _descriptors;

    public BrokerPeaks(BrokerHost broker)
    {
        _broker = broker;
        _sampling = Task.Run(SampleAsync);
    }

    public long ResidentMiB => Interlocked.Read(ref _residentMiB);

    public int Descriptors => Volatile.Read(ref _descriptors);

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested && !_broker.HasExited)
        {
            try
            {
                Interlocked.Exchange(ref _residentMiB, Math.Max(ResidentMiB, _broker.ResidentMiB));
                Volatile.Write(ref _descriptors, Math.Max(Descriptors, _broker.OpenDescriptors));
                await Task.Delay(50, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or UnauthorizedAccessException)
            {
                // Stopped, or the broker exited between two readings (the test reports that).
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _sampling;
    }
}
