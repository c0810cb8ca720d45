using System.Management.Automation;
using Fluvio.Client;

namespace Fluvio.PowerShell.Commands;

/// <summary>
/// What every Fluvio cmdlet shares: a cancellation token that StopProcessing (Ctrl+C, a
/// downstream Select-Object -First) cancels, and a way to wait on the client library from the
/// pipeline thread, where all Write* calls must stay.
/// </summary>
public abstract class FluvioCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    protected CancellationToken StopToken => _stopping.Token;

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Waits for <paramref name="task"/>; a stop turns into PipelineStoppedException, a library failure into a terminating error.</summary>
    protected T Await<T>(Task<T> task, object? target = null)
    {
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (FluvioException e)
        {
            ThrowTerminatingError(FluvioErrors.From(e, target));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }

    protected void Await(Task task, object? target = null) => Await(WithResult(task), target);

    protected bool VerboseEnabled =>
        MyInvocation.BoundParameters.TryGetValue("Verbose", out var verbose)
            ? ((SwitchParameter)verbose).IsPresent
            : GetVariableValue("VerbosePreference") is ActionPreference preference && preference != ActionPreference.SilentlyContinue;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stopping.Dispose();
        }
    }

    private static async Task<bool> WithResult(Task task)
    {
        await task.ConfigureAwait(false);
        return true;
    }
}
