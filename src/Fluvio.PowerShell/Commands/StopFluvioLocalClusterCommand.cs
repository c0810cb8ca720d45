using System.Management.Automation;

namespace Fluvio.PowerShell.Commands;

/// <summary>Stop-FluvioLocalCluster: stops the local broker gracefully (pending writes synced).</summary>
[Cmdlet(VerbsLifecycle.Stop, "FluvioLocalCluster", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "Stop-FluvioLocalCluster.md")]
[OutputType(typeof(FluvioLocalCluster))]
public sealed class StopFluvioLocalClusterCommand : FluvioCmdlet
{
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        var manager = ConnectionResolver.LocalCluster();
        if (manager.Get() is not { } running)
        {
            WriteError(FluvioErrors.Create(FluvioErrors.LocalClusterNotRunning, ErrorCategory.ObjectNotFound,
                "No local cluster is running.", null));
            return;
        }
        if (!ShouldProcess($"local cluster at {running.Endpoint} (process {running.ProcessId})", "Stop"))
        {
            return;
        }
        var stopped = manager.StopAsync(TimeSpan.FromSeconds(30), StopToken).GetAwaiter().GetResult();
        FluvioSessionState.Forget(running.Endpoint);
        if (PassThru && stopped is not null)
        {
            WriteObject(ModelMapping.ToLocalCluster(stopped));
        }
    }
}
