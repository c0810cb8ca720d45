using System.Management.Automation;
using Fluvio.Client;
using Fluvio.Client.LocalCluster;

namespace Fluvio.PowerShell.Commands;

/// <summary>
/// Start-FluvioLocalCluster: starts the bundled broker in the background on 127.0.0.1 and waits
/// until it accepts connections. If one is already running, it is returned as it is.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "FluvioLocalCluster")]
[OutputType(typeof(FluvioLocalCluster))]
public sealed class StartFluvioLocalClusterCommand : FluvioCmdlet
{
    /// <summary>Where topics are stored (default: ~/.fluvio-powershell/data).</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? DataDirectory { get; set; }

    /// <summary>The gRPC port; 0 picks a free one (default 9009).</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int Port { get; set; } = 9009;

    /// <summary>The native Fluvio SC port, where the official Fluvio CLI and clients connect; 0 picks a free one (default 9003, Fluvio's own).</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int ScPort { get; set; } = LocalClusterManager.DefaultScPort;

    /// <summary>The native Fluvio SPU port, which the SC advertises to those clients; 0 picks a free one (default 9010).</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int SpuPort { get; set; } = LocalClusterManager.DefaultSpuPort;

    protected override void EndProcessing()
    {
        string? dataDirectory = DataDirectory is null ? null : GetUnresolvedProviderPathFromPSPath(DataDirectory);
        try
        {
            var (info, started) = ConnectionResolver.LocalCluster().StartAsync(dataDirectory, Port, StopToken, scPort: ScPort, spuPort: SpuPort).GetAwaiter().GetResult();
            WriteVerbose(started ? $"Started the local cluster at {info.Endpoint} (process {info.ProcessId}); native Fluvio SC at {info.ScEndpoint}, SPU at {info.SpuEndpoint}." : $"The local cluster is already running at {info.Endpoint}.");
            WriteObject(ModelMapping.ToLocalCluster(info));
        }
        catch (FluvioException e)
        {
            ThrowTerminatingError(FluvioErrors.From(e, DataDirectory));
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }
}
