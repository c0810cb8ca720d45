using System.Management.Automation;
using Fluvio.Client;
using Fluvio.Client.LocalCluster;

namespace Fluvio.PowerShell.Commands;

/// <summary>
/// Start-FluvioLocalCluster: starts the bundled broker in the background on 127.0.0.1 and waits
/// until it accepts connections. If one is already running, it is returned as it is.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "FluvioLocalCluster", HelpUri = HelpLinks.Base + "Start-FluvioLocalCluster.md")]
[OutputType(typeof(FluvioLocalCluster))]
public sealed class StartFluvioLocalClusterCommand : FluvioCmdlet
{
    /// <summary>Where topics are stored (default: ~/.fluvio-powershell/data).</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [PSDefaultValue(Help = "~/.fluvio-powershell/data ($env:FLUVIO_POWERSHELL_HOME/data when set)")]
    public string? DataDirectory { get; set; }

    /// <summary>The gRPC port (default 9009); 0 picks free ports for it and, unless they are given, for -ScPort and -SpuPort too.</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    [PSDefaultValue(Value = 9009)]
    public int Port { get; set; } = 9009;

    /// <summary>The native Fluvio SC port, where the official Fluvio CLI and clients connect; 0 picks a free one (default 9003, Fluvio's own).</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    [PSDefaultValue(Value = LocalClusterManager.DefaultScPort)]
    public int ScPort { get; set; } = LocalClusterManager.DefaultScPort;

    /// <summary>The native Fluvio SPU port, which the SC advertises to those clients; 0 picks a free one (default 9010).</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    [PSDefaultValue(Value = LocalClusterManager.DefaultSpuPort)]
    public int SpuPort { get; set; } = LocalClusterManager.DefaultSpuPort;

    // "-Port 0" asks for a cluster on free ports: the native ports follow unless named, so a
    // second cluster (a test's, or beside a Fluvio cluster on 9003) never collides on them.
    private int PortOf(string parameter, int port) =>
        Port == 0 && !MyInvocation.BoundParameters.ContainsKey(parameter) ? 0 : port;

    protected override void EndProcessing()
    {
        string? dataDirectory = DataDirectory is null ? null : GetUnresolvedProviderPathFromPSPath(DataDirectory);
        try
        {
            var (info, started) = ConnectionResolver.LocalCluster().StartAsync(dataDirectory, Port, StopToken, scPort: PortOf(nameof(ScPort), ScPort), spuPort: PortOf(nameof(SpuPort), SpuPort)).GetAwaiter().GetResult();
            WriteVerbose(started ? $"Started the local cluster at {info.Endpoint} (process {info.ProcessId}); native Fluvio SC at {info.ScEndpoint}, SPU at {info.SpuEndpoint}." : $"The local cluster is already running at {info.Endpoint}.");
            WriteObject(ModelMapping.ToLocalCluster(info));
        }
        catch (FluvioException e) when (e.Code == FluvioErrorCode.PortInUse)
        {
            var record = FluvioErrors.From(e, DataDirectory);
            record.ErrorDetails = new ErrorDetails($"{e.Message} Choose free ports with -Port 0, or others with -Port, -ScPort and -SpuPort.");
            ThrowTerminatingError(record);
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
