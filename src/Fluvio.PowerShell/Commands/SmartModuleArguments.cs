using System.Collections;
using System.Management.Automation;
using Fluvio.Client;

namespace Fluvio.PowerShell.Commands;

/// <summary>
/// The SmartModule parameters of SmartModuleCmdlet (the CLI's --smartmodule,
/// --smartmodule-path, -e key=value, --aggregate-initial, -t/--transforms, --transforms-line),
/// read into the client's SmartModuleSpec.
/// A bad combination or an unreadable file ends the command before anything is read or sent;
/// New-FluvioSmartModule reads its file through the same ReadWasm.
/// </summary>
internal static class SmartModuleArguments
{
    public static IReadOnlyList<SmartModuleSpec>? Resolve(PSCmdlet cmdlet, string? name, string? path, Hashtable? parameters, string? aggregateInitial)
    {
        if (name is null && path is null)
        {
            if (parameters is not null || aggregateInitial is not null)
            {
                Refuse(cmdlet, $"-{(parameters is not null ? "SmartModuleParameter" : "AggregateInitial")} goes with a SmartModule: add -SmartModule <name> or -SmartModulePath <file.wasm>.", null);
            }
            return null;
        }
        if (name is not null && path is not null)
        {
            Refuse(cmdlet, "Give -SmartModule (a module stored on the cluster) or -SmartModulePath (a .wasm file), not both.", path);
        }
        var spec = name is not null ? SmartModuleSpec.Named(name) : SmartModuleSpec.FromWasm(ReadModule(cmdlet, path!));
        return [spec with { Parameters = Parameters(cmdlet, parameters), AggregateInitial = aggregateInitial }];
    }

    /// <summary>
    /// -Transform FILE or -TransformLine JSON: one SmartModule for each step, or null for an empty
    /// chain (the CLI then runs none). Like the CLI (clap's conflicts_with_all) neither goes with
    /// the single-module parameters, nor with each other.
    /// </summary>
    public static IReadOnlyList<SmartModuleSpec>? ResolveTransforms(PSCmdlet cmdlet, string? file, string[]? lines,
        string? name, string? path, Hashtable? parameters, string? aggregateInitial)
    {
        string given = file is not null ? "-Transform" : "-TransformLine";
        string[] others =
        [
            .. name is not null ? ["-SmartModule"] : Array.Empty<string>(),
            .. path is not null ? ["-SmartModulePath"] : Array.Empty<string>(),
            .. parameters is not null ? ["-SmartModuleParameter"] : Array.Empty<string>(),
            .. aggregateInitial is not null ? ["-AggregateInitial"] : Array.Empty<string>(),
        ];
        if (others.Length > 0)
        {
            Refuse(cmdlet, $"{given} chains SmartModules of its own: it cannot be combined with {string.Join(", ", others)}. Name each module as a step's `uses` (with its parameters under `with`).", (object?)file ?? lines);
        }
        if (file is not null && lines is not null)
        {
            Refuse(cmdlet, "Give -Transform (a transforms file) or -TransformLine (steps as JSON), not both.", file);
        }
        IReadOnlyList<SmartModuleSpec> steps;
        if (file is not null)
        {
            if (ResolveOneFile(cmdlet, file, "Transforms file", out string resolved) is { } unresolved)
            {
                cmdlet.ThrowTerminatingError(unresolved);
                return null;
            }
            try
            {
                steps = TransformsConfig.FromFile(resolved);
            }
            catch (TransformsFormatException e)
            {
                cmdlet.ThrowTerminatingError(FluvioErrors.Create(FluvioErrors.InvalidTransform, ErrorCategory.InvalidData, $"Cannot use the transforms file '{resolved}': {e.Message}", file, e));
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                cmdlet.ThrowTerminatingError(FluvioErrors.Create(FluvioErrors.InvalidTransform, ErrorCategory.ReadError, $"Cannot read the transforms file '{resolved}': {e.Message}", file, e));
                return null;
            }
        }
        else
        {
            try
            {
                steps = TransformsConfig.FromJsonLines(lines!);
            }
            catch (TransformsFormatException e)
            {
                cmdlet.ThrowTerminatingError(FluvioErrors.Create(FluvioErrors.InvalidTransform, ErrorCategory.InvalidArgument, $"Cannot use -TransformLine: {e.Message}", lines, e));
                return null;
            }
        }
        return steps.Count == 0 ? null : steps;
    }

    private static byte[] ReadModule(PSCmdlet cmdlet, string path)
    {
        if (ReadWasm(cmdlet, path, out byte[] wasm, out _) is { } error)
        {
            cmdlet.ThrowTerminatingError(error);
        }
        return wasm;
    }

    /// <summary>
    /// Reads a compiled module from a provider path: null when it is one, else the error to report
    /// (FileNotFound, or InvalidSmartModule for a file that is not WebAssembly), which the caller
    /// writes or throws. New-FluvioSmartModule and the -SmartModulePath parameters share it.
    /// </summary>
    internal static ErrorRecord? ReadWasm(PSCmdlet cmdlet, string path, out byte[] wasm, out string file)
    {
        wasm = [];
        if (ResolveOneFile(cmdlet, path, "SmartModule file", out file) is { } unresolved)
        {
            return unresolved;
        }
        try
        {
            wasm = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return FluvioErrors.Create(FluvioErrors.InvalidSmartModule, ErrorCategory.ReadError, $"Cannot read the SmartModule file '{file}': {e.Message}", path, e);
        }
        // A .wat text or a gzip given by mistake is named here, not by the cluster.
        return wasm.AsSpan().StartsWith("\0asm"u8)
            ? null
            : FluvioErrors.Create(FluvioErrors.InvalidSmartModule, ErrorCategory.InvalidArgument,
                $"'{file}' is not a compiled SmartModule: a .wasm file starts with the bytes \\0asm.", path);
    }

    /// <summary>
    /// The one file a provider path names: a module and a transforms file are each one file, so a
    /// wildcard that matches none is FileNotFound and one that matches several is AmbiguousPath,
    /// naming them, instead of whichever came first.
    /// </summary>
    private static ErrorRecord? ResolveOneFile(PSCmdlet cmdlet, string path, string what, out string file)
    {
        file = path;
        System.Collections.ObjectModel.Collection<string> matches;
        try
        {
            matches = cmdlet.GetResolvedProviderPathFromPSPath(path, out _);
        }
        catch (ItemNotFoundException e)
        {
            return FluvioErrors.Create(FluvioErrors.FileNotFound, ErrorCategory.ObjectNotFound, $"{what} not found: {e.Message}", path, e);
        }
        if (matches.Count != 1)
        {
            return matches.Count == 0
                ? FluvioErrors.Create(FluvioErrors.FileNotFound, ErrorCategory.ObjectNotFound, $"{what} not found: no file matches '{path}'.", path)
                : FluvioErrors.Create(FluvioErrors.AmbiguousPath, ErrorCategory.InvalidArgument,
                    $"'{path}' matches {matches.Count} files ({string.Join(", ", matches.Take(3).Select(System.IO.Path.GetFileName))}{(matches.Count > 3 ? ", ..." : "")}); a {what.ToLowerInvariant()} is one file: name it.", path);
        }
        file = matches[0];
        return null;
    }

    private static Dictionary<string, string>? Parameters(PSCmdlet cmdlet, Hashtable? table)
    {
        if (table is null)
        {
            return null;
        }
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            string key = LanguagePrimitives.ConvertTo<string>(entry.Key);
            if (string.IsNullOrEmpty(key) || entry.Value is null)
            {
                Refuse(cmdlet, $"-SmartModuleParameter needs a name and a value for each entry; '{key}' has {(entry.Value is null ? "no value" : "no name")}.", table);
            }
            parameters[key] = LanguagePrimitives.ConvertTo<string>(entry.Value);
        }
        return parameters;
    }

    private static void Refuse(PSCmdlet cmdlet, string message, object? target) =>
        cmdlet.ThrowTerminatingError(FluvioErrors.Create(FluvioErrors.InvalidSmartModule, ErrorCategory.InvalidArgument, message, target));
}
