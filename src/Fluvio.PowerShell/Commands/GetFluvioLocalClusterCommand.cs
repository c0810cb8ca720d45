using System.Management.Automation;

namespace Fluvio.PowerShell.Commands;

/// <summary>Get-FluvioLocalCluster: the running local broker (process id, endpoint, data directory, start time), or nothing.</summary>
[Cmdlet(VerbsCommon.Get, "FluvioLocalCluster", HelpUri = HelpLinks.Base + "Get-FluvioLocalCluster.md")]
[OutputType(typeof(FluvioLocalCluster))]
public sealed class GetFluvioLocalClusterCommand : FluvioCmdlet
{
    protected override void EndProcessing()
    {
        if (ConnectionResolver.LocalCluster().Get() is { } info)
        {
            WriteObject(ModelMapping.ToLocalCluster(info));
        }
    }
}
