namespace Fluvio.Bench;

/// <summary>
/// Case 5 (cmdlet): <c>Receive-FluvioRecord | Invoke-NullSink</c> against a compiled cmdlet that
/// emits the same number of objects into the same sink.
/// </summary>
internal static class PipelineReceive
{
    public static (Measurement Receive, Measurement Emitter) Run(PowerShellSession shell, string topic, long records, long bytes)
    {
        shell.Time("Invoke-Emitter -Count 50000 | Invoke-NullSink"); // warm-up, as in case 1
        shell.Time($"Receive-FluvioRecord -Topic {topic} -Count 50000 | Invoke-NullSink");
        var emitter = new Measurement(records, bytes, shell.Time($"Invoke-Emitter -Count {records} | Invoke-NullSink"));
        var receive = new Measurement(records, bytes, shell.Time($"Receive-FluvioRecord -Topic {topic} | Invoke-NullSink"));
        return (receive, emitter);
    }
}
