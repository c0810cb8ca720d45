using System.Diagnostics.Metrics;

namespace Fluvio.Reliability.Tests;

/// <summary>
/// Records acknowledged to any producer in this process for one topic, from the client's
/// "Fluvio.Client" meter: a signal from inside a cmdlet's producer that a test can wait for
/// (e.g. "every record sent so far is answered") instead of sleeping.
/// </summary>
internal sealed class AcknowledgedCount : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string _topic;
    private long _count;

    public AcknowledgedCount(string topic)
    {
        _topic = topic;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Fluvio.Client" && instrument.Name == "fluvio.producer.records.acknowledged")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    public long Value => Interlocked.Read(ref _count);

    private void OnMeasurement(Instrument instrument, long measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "topic" && Equals(tag.Value, _topic))
            {
                Interlocked.Add(ref _count, measurement);
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
