using System.Reflection;
using System.Runtime.Loader;

namespace Fluvio.PowerShell.Loading;

/// <summary>
/// The module's own load context: Fluvio.Client and everything it needs (gRPC, protobuf,
/// compression codecs) load here from the module's dependencies folder, so another module that
/// carries another version of those assemblies cannot break this one, nor this one it.
/// </summary>
internal sealed class DependencyLoadContext(string dependencyDirectory) : AssemblyLoadContext("Fluvio.PowerShell.Dependencies")
{
    public string DependencyDirectory { get; } = dependencyDirectory;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        string path = Path.Combine(DependencyDirectory, assemblyName.Name + ".dll");
        // Anything not shipped in dependencies/ (the framework itself) comes from the default context.
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
