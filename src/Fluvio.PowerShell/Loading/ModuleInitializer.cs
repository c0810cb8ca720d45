using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace Fluvio.PowerShell.Loading;

/// <summary>
/// Runs when the module is imported: routes the assemblies the cmdlets reference (Fluvio.Client,
/// Fluvio.Protocol) into the module's load context. The default context never sees gRPC or
/// protobuf; types users see (records, topics, results) live in this assembly, in the default context.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    /// <summary>The folder the module was imported from.</summary>
    public static string ModuleDirectory { get; } = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? AppContext.BaseDirectory;

    private static readonly string[] IsolatedAssemblies = ["Fluvio.Client", "Fluvio.Protocol"];
    private static readonly Lazy<DependencyLoadContext> Context = new(() =>
        new DependencyLoadContext(Path.Combine(ModuleDirectory, "dependencies")));

    public void OnImport() => AssemblyLoadContext.Default.Resolving += Resolve;

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        AssemblyLoadContext.Default.Resolving -= Resolve;
        FluvioSessionState.CloseClients();
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name) =>
        Array.IndexOf(IsolatedAssemblies, name.Name) >= 0 ? Context.Value.LoadFromAssemblyName(name) : null;
}
