using System.Management.Automation;
using Fluvio.Client;

namespace Fluvio.PowerShell.Commands;

/// <summary>New-FluvioSmartModule: stores a compiled SmartModule on the cluster under a name (fluvio smartmodule create NAME --wasm-file FILE).</summary>
[Cmdlet(VerbsCommon.New, "FluvioSmartModule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "New-FluvioSmartModule.md")]
[OutputType(typeof(FluvioSmartModule))]
public sealed class NewFluvioSmartModuleCommand : FluvioClientCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The compiled module (.wasm).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [Alias("FullName", "WasmFile")]
    public string Path { get; set; } = "";

    protected override void ProcessRecord()
    {
        if (SmartModuleArguments.ReadWasm(this, Path, out byte[] wasm, out string file) is { } error)
        {
            WriteError(error);
            return;
        }
        if (!ShouldProcess($"SmartModule '{Name}' from {file} ({wasm.Length:N0} bytes)", "Create"))
        {
            return;
        }
        try
        {
            var created = Client.CreateSmartModuleAsync(Name, wasm, StopToken).GetAwaiter().GetResult();
            WriteObject(new FluvioSmartModule { Name = created.Name, Size = created.Size });
        }
        catch (FluvioException e) when (FluvioErrors.IsFatal(e))
        {
            ThrowTerminatingError(FluvioErrors.From(e, Client.Endpoint));
        }
        catch (FluvioException e)
        {
            WriteError(FluvioErrors.From(e, Name));
        }
    }
}
