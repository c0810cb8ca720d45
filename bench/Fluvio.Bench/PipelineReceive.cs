namespace Fluvio.Bench;

/// <summary>
/// Case 5 (cmdlet): <c>Receive-FluvioRecord | Invoke-NullSink</c> against a compiled cmdlet that
/// emits the same number of objects into the same sink, in alternating rounds.
/// </summary>
internal static class PipelineReceive
{
    /// <summary>Each side's best round, and the first round's ratio (the method of the runs before issue 16: one run each after the warm-up).</summary>
    public static (Measurement Receive, Measurement Emitter, double FirstRoundRatio) Run(PowerShellSession shell, string topic, long records, long bytes, int rounds)
    {
        shell.Time("Invoke-Emitter -Count 50000 | Invoke-NullSink"); // warm-up, as in case 1
        shell.Time($"Receive-FluvioRecord -Topic {topic} -Count 50000 | Invoke-NullSink");
        // Alternating rounds, best over best: a burst of other load on the shared cores hits both sides.
        Measurement? emitter = null, receive = null;
        double firstRatio = 0;
        for (int round = 1; round <= rounds; round++)
        {
            var e = new Measurement(records, bytes, shell.Time($"Invoke-Emitter -Count {records} | Invoke-NullSink"));
            Print.Measurement($"5 emitter cmdlet, round {round}", e);
            emitter = Measurement.Faster(emitter, e);
            var r = new Measurement(records, bytes, shell.Time($"Receive-FluvioRecord -Topic {topic} | Invoke-NullSink"));
            Print.Measurement($"5 Receive-FluvioRecord, round {round}", r);
            receive = Measurement.Faster(receive, r);
            if (round == 1)
            {
                firstRatio = r.RecordsPerSecond / e.RecordsPerSecond;
            }
        }
        return (receive!, emitter!, firstRatio);
    }
}
