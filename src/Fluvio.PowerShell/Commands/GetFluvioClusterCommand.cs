using System.Management.Automation;
using Fluvio.Client;

namespace Fluvio.PowerShell.Commands;

/// <summary>
/// Get-FluvioCluster: the cluster's health, as `fluvio cluster status` and `fluvio cluster spu
/// list` show it. An unreachable cluster is not an error: it is an object with Reachable $false
/// and the reason in Error, so a scheduled health check reads one property and never needs a try.
/// </summary>
[Cmdlet(VerbsCommon.Get, "FluvioCluster", HelpUri = HelpLinks.Base + "Get-FluvioCluster.md")]
[OutputType(typeof(FluvioCluster))]
public sealed class GetFluvioClusterCommand : FluvioClientCmdlet
{
    protected override void ProcessRecord()
    {
        string endpoint = Target.Endpoint.ToString();
        try
        {
            var cluster = Client.GetClusterAsync(StopToken).GetAwaiter().GetResult();
            WriteObject(ModelMapping.ToCluster(cluster, endpoint));
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (FluvioException e) when (e.Code is FluvioErrorCode.ConnectionFailed or FluvioErrorCode.Timeout)
        {
            WriteVerbose($"{e.Code}: {e.Message}");
            WriteObject(new FluvioCluster
            {
                Endpoint = endpoint,
                Protocol = Client.IsNative ? "native" : "gRPC",
                Reachable = false,
                Error = e.Message,
            });
        }
        catch (FluvioException e)
        {
            // Reached, but it refused us (e.g. Unauthenticated): that is not a health answer.
            ThrowTerminatingError(FluvioErrors.From(e, endpoint));
        }
    }
}
