using System.Reflection;
using System.Runtime.InteropServices;
using Wasmtime;

namespace Fluvio.Broker.SmartModules;

/// <summary>
/// Where Wasmtime's native library is found. The portable broker (broker/fluvio-broker.dll) has
/// it where NuGet puts it, under runtimes/&lt;rid&gt;/native/, and .NET finds it there by itself. A
/// standalone broker (broker/&lt;rid&gt;/fluvio-broker) is laid out in the module without it, so
/// that the module carries each platform's 16–30 MB library once: it loads the portable broker's
/// copy from ../runtimes/&lt;rid&gt;/native/.
/// </summary>
internal static class WasmtimeLibrary
{
    private const string Name = "wasmtime";
    private static int s_installed;

    /// <summary>Installs the fallback once, before the first call into Wasmtime.</summary>
    public static void EnsureResolvable()
    {
        if (Interlocked.Exchange(ref s_installed, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(Engine).Assembly, Resolve);
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Name)
        {
            return IntPtr.Zero; // .NET's own search
        }
        if (NativeLibrary.TryLoad(name, assembly, searchPath, out var handle))
        {
            return handle;
        }
        string file = OperatingSystem.IsWindows() ? "wasmtime.dll" : OperatingSystem.IsMacOS() ? "libwasmtime.dylib" : "libwasmtime.so";
        string shared = Path.Combine(AppContext.BaseDirectory, "..", "runtimes", RuntimeInformation.RuntimeIdentifier, "native", file);
        return NativeLibrary.TryLoad(shared, out handle) ? handle : IntPtr.Zero;
    }
}
