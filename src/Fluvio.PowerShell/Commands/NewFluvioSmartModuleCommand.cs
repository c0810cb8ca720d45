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
        string file;
        try
        {
            file = GetResolvedProviderPathFromPSPath(Path, out _).Single();
        }
        catch (ItemNotFoundException e)
        {
            WriteError(FluvioErrors.Create(FluvioErrors.FileNotFound, ErrorCategory.ObjectNotFound, $"SmartModule file not found: {e.Message}", Path, e));
            return;
        }
        byte[] wasm = File.ReadAllBytes(file);
        if (!wasm.AsSpan().StartsWith("\0asm"u8))
        {
            WriteError(FluvioErrors.Create(FluvioErrors.InvalidSmartModule, ErrorCategory.InvalidArgument,
                $"'{file}' is not a compiled SmartModule: a .wasm file starts with the bytes \\0asm.", Path));
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
