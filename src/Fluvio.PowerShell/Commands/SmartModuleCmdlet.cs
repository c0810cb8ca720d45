using System.Collections;
using System.Management.Automation;
using Fluvio.Client;

namespace Fluvio.PowerShell.Commands;

/// <summary>
/// A cmdlet the cluster runs SmartModules for (Send- and Receive-FluvioRecord): the CLI's
/// --smartmodule NAME, --smartmodule-path FILE.wasm, -e/--params key=value and
/// --aggregate-initial, and its transforms chain (-t/--transforms FILE, --transforms-line JSON),
/// declared once. On a read the cluster runs the module over the records
/// before sending them; on produce over each batch, storing only what comes out, as the SPU does.
/// </summary>
public abstract class SmartModuleCmdlet : FluvioClientCmdlet
{
    /// <summary>A SmartModule stored on the cluster (New-FluvioSmartModule, fluvio smartmodule create).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [Alias("Sm")]
    public string? SmartModule { get; set; }

    /// <summary>A compiled SmartModule (.wasm) sent with the request.</summary>
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

    /// <summary>
    /// A transforms file (YAML, the CLI's -t/--transforms): its steps, each a SmartModule stored on
    /// the cluster, run one after the other. Not with the other SmartModule parameters.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [Alias("Transforms")]
    public string? Transform { get; set; }

    /// <summary>Transforms steps as JSON, one step each, run in order (the CLI's repeatable --transforms-line). Not with -Transform or the other SmartModule parameters.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? TransformLine { get; set; }

    /// <summary>The SmartModules asked for, or null; a bad combination or an unreadable file ends the command before anything is read or sent.</summary>
    private protected IReadOnlyList<SmartModuleSpec>? SmartModules() =>
        Transform is not null || TransformLine is not null
            ? SmartModuleArguments.ResolveTransforms(this, Transform, TransformLine, SmartModule, SmartModulePath, SmartModuleParameter, AggregateInitial)
            : SmartModuleArguments.Resolve(this, SmartModule, SmartModulePath, SmartModuleParameter, AggregateInitial);
}
