using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Pwsh = System.Management.Automation.PowerShell;

namespace Fluvio.Reliability.Tests;

/// <summary>
/// A runspace of the real PowerShell engine with the module imported as users get it (the
/// published out/Fluvio, by its manifest), as tests/Fluvio.PowerShell.Tests does. This project
/// also references Fluvio.Client itself, so the module's Fluvio.Client resolves to that same
/// build from the default load context; the isolation of dependencies is tested there, not here.
/// </summary>
internal sealed class PowerShellSession : IDisposable
{
    private readonly Runspace _runspace;

    public PowerShellSession()
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(Path.Combine(Repo.Root, "out", "Fluvio", "Fluvio.psd1"));
        state.ThrowOnRunspaceOpenError = true;
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
    }

    public void Set(string name, object? value) => _runspace.SessionStateProxy.SetVariable(name, value);

    /// <summary>A pipeline on this runspace; the caller invokes it (synchronously or not) and disposes it.</summary>
    public Pwsh Create(string script)
    {
        var ps = Pwsh.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        return ps;
    }

    /// <summary>Runs a script to its end (bounded); returns its output and the terminating error, if any.</summary>
    public async Task<(List<PSObject> Output, List<ErrorRecord> Errors, RuntimeException? Terminating)> RunAsync(
        string script, IEnumerable<object>? input = null, TimeSpan? limit = null)
    {
        using var ps = Create(script);
        var run = Task.Run(() =>
        {
            try
            {
                return ((input is null ? ps.Invoke() : ps.Invoke(input)).ToList(), (RuntimeException?)null);
            }
            catch (RuntimeException e)
            {
                return ([], e);
            }
        });
        var (output, terminating) = await run.Within(limit ?? TimeSpan.FromSeconds(90), $"the pipeline '{script}'");
        return (output, ps.Streams.Error.ToList(), terminating);
    }

    public void Dispose() => _runspace.Dispose();
}
