using System.Collections;
using System.Management.Automation;
using Fluvio.Client;

namespace Fluvio.PowerShell.Commands;

/// <summary>
/// Send-FluvioRecord's SmartModule parameters, the CLI's produce options: --smartmodule NAME,
/// --smartmodule-path FILE.wasm, -e/--params key=value, --aggregate-initial. The cluster runs the
/// module over each sent batch and stores only what comes out, as Fluvio's SPU does.
/// </summary>
public sealed partial class SendFluvioRecordCommand
{
    /// <summary>A SmartModule stored on the cluster (New-FluvioSmartModule, fluvio smartmodule create).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [Alias("Sm")]
    public string? SmartModule { get; set; }

    /// <summary>A compiled SmartModule (.wasm) sent with the records.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SmartModulePath { get; set; }

    /// <summary>Parameters handed to the SmartModule's init, as @{ key = 'value' } (the CLI's -e key=value).</summary>
    [Parameter]
    [Alias("Params")]
    public Hashtable? SmartModuleParameter { get; set; }

    /// <summary>An aggregate SmartModule's first accumulator, as text (the CLI's --aggregate-initial).</summary>
    [Parameter]
    public string? AggregateInitial { get; set; }

    /// <summary>The SmartModule the cluster runs on produce, or null; a bad combination or an unreadable file ends the command before anything is sent.</summary>
    private IReadOnlyList<SmartModuleSpec>? SmartModules() =>
        SmartModuleArguments.Resolve(this, SmartModule, SmartModulePath, SmartModuleParameter, AggregateInitial);
}
