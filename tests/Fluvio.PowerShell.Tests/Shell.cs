using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Pwsh = System.Management.Automation.PowerShell;

namespace Fluvio.PowerShell.Tests;

/// <summary>A fresh PowerShell runspace with the published module imported, as a user's new session.</summary>
public sealed class Shell : IDisposable
{
    private readonly Runspace _runspace;

    public Shell(string manifest)
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(manifest);
        state.ThrowOnRunspaceOpenError = true;
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
    }

    /// <summary>Runs a script; <paramref name="input"/> is piped into it as $input / pipeline input.</summary>
    public ShellResult Run(string script, IEnumerable<object>? input = null, IDictionary<string, object?>? variables = null)
    {
        using var ps = Pwsh.Create();
        ps.Runspace = _runspace;
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
        {
            _runspace.SessionStateProxy.SetVariable(name, value);
        }
        ps.AddScript(script);
        Collection<PSObject> output = [];
        RuntimeException? terminating = null;
        try
        {
            output = input is null ? ps.Invoke() : ps.Invoke(input);
        }
        catch (RuntimeException e)
        {
            terminating = e;
        }
        return new ShellResult(
            output.ToList(),
            ps.Streams.Error.ToList(),
            ps.Streams.Verbose.Select(v => v.Message).ToList(),
            ps.Streams.Warning.Select(w => w.Message).ToList(),
            ps.Streams.Progress.ToList(),
            terminating);
    }

    /// <summary>A PowerShell on this session's runspace, for tests that drive the invocation themselves (BeginInvoke, Stop).</summary>
    public Pwsh CreatePowerShell(string script)
    {
        var ps = Pwsh.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        return ps;
    }

    public void Dispose() => _runspace.Dispose();
}

public sealed record ShellResult(
    List<PSObject> Output,
    List<ErrorRecord> Errors,
    List<string> Verbose,
    List<string> Warnings,
    List<ProgressRecord> Progress,
    RuntimeException? Terminating)
{
    /// <summary>Fails with everything PowerShell said when the script did not run cleanly.</summary>
    public ShellResult AssertClean()
    {
        Assert.True(Terminating is null && Errors.Count == 0,
            $"Terminating: {Terminating?.ErrorRecord.FullyQualifiedErrorId} {Terminating?.Message}\nErrors:\n" +
            string.Join("\n", Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}")));
        return this;
    }
}
