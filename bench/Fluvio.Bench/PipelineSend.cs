using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Pwsh = System.Management.Automation.PowerShell;

namespace Fluvio.Bench;

/// <summary>
/// <c>$lines | Send-FluvioRecord -KeySeparator '='</c> in the real PowerShell engine, against the
/// same lines piped into a compiled cmdlet that does nothing, in the same process and runspace.
/// </summary>
internal static class PipelineSend
{
    public static (Measurement Send, Measurement NullSink) Run(Uri endpoint, string topic, int lineCount)
    {
        // ~30-byte lines: a key from a small set, '=', a value.
        var lines = new string[lineCount];
        for (int i = 0; i < lineCount; i++)
        {
            lines[i] = $"account-{i % 1000:D4}=Deposit {i % 100000,8}.00";
        }
        long bytes = lines.Sum(l => (long)l.Length);

        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(ModulePath.Manifest);
        state.Commands.Add(new SessionStateCmdletEntry("Invoke-NullSink", typeof(NullSinkCommand), null));
        using var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        runspace.SessionStateProxy.SetVariable("lines", lines);

        var nullSink = Time(runspace, "$lines | Invoke-NullSink", lineCount, bytes);
        var send = Time(runspace, $"$lines | Send-FluvioRecord -Topic {topic} -Endpoint {endpoint} -KeySeparator '='", lineCount, bytes);
        return (send, nullSink);
    }

    private static Measurement Time(Runspace runspace, string script, int lineCount, long bytes)
    {
        using var ps = Pwsh.Create();
        ps.Runspace = runspace;
        ps.AddScript(script);
        var clock = Stopwatch.StartNew();
        ps.Invoke();
        clock.Stop();
        if (ps.HadErrors)
        {
            throw new InvalidOperationException($"'{script}' failed: {ps.Streams.Error.FirstOrDefault()}");
        }
        return new Measurement(lineCount, bytes, clock.Elapsed);
    }
}
