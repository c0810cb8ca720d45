using System.Diagnostics.Metrics;

namespace Fluvio.Client;

/// <summary>
/// The producer's counters on the "Fluvio.Client" meter, for whoever listens (OpenTelemetry,
/// dotnet-counters, a test): records acknowledged and failed, tagged with their topic. Counted
/// per settled batch, after its futures read as completed, so a listener that sees a record
/// counted may rely on its future holding the outcome. Without a listener each call is one check.
/// </summary>
internal static class ProducerMetrics
{
    public const string MeterName = "Fluvio.Client";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Acknowledged = Meter.CreateCounter<long>(
        "fluvio.producer.records.acknowledged", "{record}", "Records the cluster acknowledged as stored.");

    private static readonly Counter<long> Failed = Meter.CreateCounter<long>(
        "fluvio.producer.records.failed", "{record}", "Records whose send failed.");

    public static void Settled(string topic, int records, bool acknowledged)
    {
        var counter = acknowledged ? Acknowledged : Failed;
        if (counter.Enabled)
        {
            counter.Add(records, new KeyValuePair<string, object?>("topic", topic));
        }
    }
}
