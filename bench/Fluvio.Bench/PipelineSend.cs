namespace Fluvio.Bench;

/// <summary>
/// Case 1: <c>$lines | Send-FluvioRecord -KeySeparator '='</c> against the same lines piped into a
/// compiled cmdlet that does nothing, in the same process and runspace.
/// Case 2: <c>Send-FluvioRecord -Path</c> over the same lines in a file.
/// </summary>
internal static class PipelineSend
{
    public static (Measurement Send, Measurement NullSink, Measurement Bulk) Run(PowerShellSession shell, string topic, int lineCount)
    {
        var lines = Lines(lineCount);
        long bytes = lines.Sum(l => (long)l.Length);
        // Warm-up: both pipelines once on a slice, so neither figure includes JIT compilation.
        shell.Set("lines", lines[..Math.Min(lineCount, 50_000)]);
        shell.Time("$lines | Invoke-LineSink");
        shell.Time($"$lines | Send-FluvioRecord -Topic {topic} -KeySeparator '='");
        shell.Set("lines", lines);
        var nullSink = new Measurement(lineCount, bytes, shell.Time("$lines | Invoke-LineSink"));
        var send = new Measurement(lineCount, bytes, shell.Time($"$lines | Send-FluvioRecord -Topic {topic} -KeySeparator '='"));
        shell.Set("lines", Array.Empty<string>());

        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file, lines);
            var bulk = new Measurement(lineCount, bytes, shell.Time($"Send-FluvioRecord -Topic {topic} -Path '{file}' -KeySeparator '='"));
            return (send, nullSink, bulk);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>~30-byte lines: a key from a thousand accounts, '=', a value.</summary>
    public static string[] Lines(int count)
    {
        var lines = new string[count];
        for (int i = 0; i < count; i++)
        {
            lines[i] = $"account-{i % 1000:D4}=Deposit {i % 100000,8}.00";
        }
        return lines;
    }
}
