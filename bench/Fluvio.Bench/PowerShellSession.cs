using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Pwsh = System.Management.Automation.PowerShell;

namespace Fluvio.Bench;

/// <summary>One runspace with the published module and the yardstick cmdlets, timing scripts in it.</summary>
internal sealed class PowerShellSession : IDisposable
{
    private readonly Runspace _runspace;

    public PowerShellSession(Uri endpoint)
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(ModulePath.Manifest);
        state.Commands.Add(new SessionStateCmdletEntry("Invoke-NullSink", typeof(NullSinkCommand), null));
        state.Commands.Add(new SessionStateCmdletEntry("Invoke-LineSink", typeof(LineSinkCommand), null));
        state.Commands.Add(new SessionStateCmdletEntry("Invoke-Emitter", typeof(EmitterCommand), null));
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
        _runspace.SessionStateProxy.SetVariable("ProgressPreference", ActionPreference.SilentlyContinue);
        Environment.SetEnvironmentVariable("FLUVIO_ENDPOINT", endpoint.ToString());
    }

    public void Set(string name, object value) => _runspace.SessionStateProxy.SetVariable(name, value);

    /// <summary>Runs the script and returns how long it took; any error fails the benchmark.</summary>
    public TimeSpan Time(string script)
    {
        using var ps = Pwsh.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        var clock = Stopwatch.StartNew();
        ps.Invoke();
        clock.Stop();
        if (ps.HadErrors)
        {
            throw new InvalidOperationException($"'{script}' failed: {ps.Streams.Error.FirstOrDefault()}");
        }
        return clock.Elapsed;
    }

    public void Dispose() => _runspace.Dispose();
}
