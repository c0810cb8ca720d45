using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Pwsh = System.Management.Automation.PowerShell;

namespace Fluvio.Testing;

/// <summary>
/// A fresh runspace of the real PowerShell engine with a module imported by its manifest (the
/// published out/Fluvio), as a user's new session: the one runspace wrapper of every test project.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly Runspace _runspace;

    public PowerShellSession(string manifest)
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(manifest);
        state.ThrowOnRunspaceOpenError = true;
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
    }

    public void Set(string name, object? value) => _runspace.SessionStateProxy.SetVariable(name, value);

    /// <summary>Runs a script to its end; <paramref name="input"/> is piped into it as $input / pipeline input.</summary>
    public ShellResult Run(string script, IEnumerable<object>? input = null, IDictionary<string, object?>? variables = null)
    {
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
        {
            Set(name, value);
        }
        using var ps = CreatePowerShell(script);
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

    /// <summary><see cref="Run"/> off the test's thread, failing the test when the script outlives <paramref name="limit"/>.</summary>
    public Task<ShellResult> RunAsync(string script, IEnumerable<object>? input = null, TimeSpan? limit = null) =>
        Task.Run(() => Run(script, input)).Within(limit ?? TimeSpan.FromSeconds(90), $"the pipeline '{script}'");

    /// <summary>A PowerShell on this session's runspace, for tests that drive the invocation themselves (BeginInvoke, Stop); the caller disposes it.</summary>
    public Pwsh CreatePowerShell(string script)
    {
        var ps = Pwsh.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        return ps;
    }

    public void Dispose() => _runspace.Dispose();
}

/// <summary>What a script did: its output and every stream a test asserts on.</summary>
public sealed record ShellResult(
    List<PSObject> Output,
    List<ErrorRecord> Errors,
    List<string> Verbose,
    List<string> Warnings,
    List<ProgressRecord> Progress,
    RuntimeException? Terminating)
{
    /// <summary>The three parts most assertions need.</summary>
    public void Deconstruct(out List<PSObject> output, out List<ErrorRecord> errors, out RuntimeException? terminating) =>
        (output, errors, terminating) = (Output, Errors, Terminating);

    /// <summary>Fails with everything PowerShell said when the script did not run cleanly.</summary>
    public ShellResult AssertClean()
    {
        Assert.True(Terminating is null && Errors.Count == 0,
            $"Terminating: {Terminating?.ErrorRecord.FullyQualifiedErrorId} {Terminating?.Message}\nErrors:\n" +
            string.Join("\n", Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}")));
        return this;
    }
}
