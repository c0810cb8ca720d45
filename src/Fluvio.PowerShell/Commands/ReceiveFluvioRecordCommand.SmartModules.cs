using System.Collections;
using System.Management.Automation;
using Fluvio.Client;

namespace Fluvio.PowerShell.Commands;

/// <summary>
/// Receive-FluvioRecord's SmartModule parameters, the CLI's consume options: --smartmodule NAME,
/// --smartmodule-path FILE.wasm, -e/--params key=value, --aggregate-initial. The cluster runs the
/// module over the records before sending them (a filter, map, filter-map, array-map or aggregate).
/// </summary>
public sealed partial class ReceiveFluvioRecordCommand
{
    /// <summary>A SmartModule stored on the cluster (New-FluvioSmartModule, fluvio smartmodule create).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [Alias("Sm")]
    public string? SmartModule { get; set; }

    /// <summary>A compiled SmartModule (.wasm) to send with the read.</summary>
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

    /// <summary>The read's SmartModule, or null; a bad combination or an unreadable file ends the command before anything is read.</summary>
    private IReadOnlyList<SmartModuleSpec>? SmartModules() =>
        SmartModuleArguments.Resolve(this, SmartModule, SmartModulePath, SmartModuleParameter, AggregateInitial);
}
