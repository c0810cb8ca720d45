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
    private IReadOnlyList<SmartModuleSpec>? SmartModules()
    {
        if (SmartModule is null && SmartModulePath is null)
        {
            if (SmartModuleParameter is not null || AggregateInitial is not null)
            {
                Refuse($"-{(SmartModuleParameter is not null ? nameof(SmartModuleParameter) : nameof(AggregateInitial))} goes with a SmartModule: add -SmartModule <name> or -SmartModulePath <file.wasm>.", null);
            }
            return null;
        }
        if (SmartModule is not null && SmartModulePath is not null)
        {
            Refuse("Give -SmartModule (a module stored on the cluster) or -SmartModulePath (a .wasm file), not both.", SmartModulePath);
        }
        var spec = SmartModule is not null ? SmartModuleSpec.Named(SmartModule) : SmartModuleSpec.FromWasm(ReadModule(SmartModulePath!));
        return [spec with { Parameters = Parameters(), AggregateInitial = AggregateInitial }];
    }

    private byte[] ReadModule(string path)
    {
        string file;
        try
        {
            file = GetResolvedProviderPathFromPSPath(path, out _).Single();
        }
        catch (ItemNotFoundException e)
        {
            ThrowTerminatingError(FluvioErrors.Create(FluvioErrors.FileNotFound, ErrorCategory.ObjectNotFound, $"SmartModule file not found: {e.Message}", path, e));
            throw;
        }
        byte[] wasm = File.ReadAllBytes(file);
        if (!wasm.AsSpan().StartsWith("\0asm"u8))
        {
            // A .wat text or a gzip given by mistake is named here, not by the cluster.
            Refuse($"'{file}' is not a compiled SmartModule: a .wasm file starts with the bytes \\0asm.", path);
        }
        return wasm;
    }

    private Dictionary<string, string>? Parameters()
    {
        if (SmartModuleParameter is null)
        {
            return null;
        }
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in SmartModuleParameter)
        {
            string key = LanguagePrimitives.ConvertTo<string>(entry.Key);
            if (string.IsNullOrEmpty(key) || entry.Value is null)
            {
                Refuse($"-SmartModuleParameter needs a name and a value for each entry; '{key}' has {(entry.Value is null ? "no value" : "no name")}.", SmartModuleParameter);
            }
            parameters[key] = LanguagePrimitives.ConvertTo<string>(entry.Value);
        }
        return parameters;
    }

    private void Refuse(string message, object? target) =>
        ThrowTerminatingError(FluvioErrors.Create(FluvioErrors.InvalidSmartModule, ErrorCategory.InvalidArgument, message, target));
}
