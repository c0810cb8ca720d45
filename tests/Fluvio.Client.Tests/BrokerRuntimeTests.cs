using System.Runtime.InteropServices;
using Fluvio.Client.LocalCluster;

namespace Fluvio.Client.Tests;

/// <summary>
/// Which broker Start-FluvioLocalCluster runs: the standalone one built for this platform
/// (broker/&lt;rid&gt;/fluvio-broker), else the portable broker/fluvio-broker.dll on an installed
/// .NET, else an error that says what to do.
/// </summary>
public sealed class BrokerRuntimeTests : IDisposable
{
    private readonly DirectoryInfo _module = Directory.CreateTempSubdirectory("fluvio-broker-runtime-");

    public void Dispose() => _module.Delete(recursive: true);

    private string Portable => Path.Combine(_module.FullName, "broker", "fluvio-broker.dll");

    private string AddFile(params string[] parts)
    {
        string path = Path.Combine([_module.FullName, "broker", .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "");
        return path;
    }

    [Theory]
    [InlineData("linux", false, new[] { Architecture.X64, Architecture.X64 }, new[] { "linux-x64" })]
    [InlineData("linux", false, new[] { Architecture.Arm64, Architecture.Arm64 }, new[] { "linux-arm64" })]
    [InlineData("win", false, new[] { Architecture.X64, Architecture.X64 }, new[] { "win-x64" })]
    // An x64 pwsh under Rosetta: the arm64 broker first, the x64 one would run too.
    [InlineData("osx", false, new[] { Architecture.Arm64, Architecture.X64 }, new[] { "osx-arm64", "osx-x64" })]
    // None is built for musl, 32-bit or unknown systems: the portable broker or the error.
    [InlineData("linux", true, new[] { Architecture.X64, Architecture.X64 }, new string[0])]
    [InlineData("win", false, new[] { Architecture.X86, Architecture.X86 }, new string[0])]
    [InlineData(null, false, new[] { Architecture.X64, Architecture.X64 }, new string[0])]
    public void Platform_names_the_rids_of_the_brokers_it_can_run(string? os, bool musl, Architecture[] architectures, string[] expected)
    {
        Assert.Equal(expected, BrokerRuntime.PlatformRuntimeIdentifiers(os, musl, architectures));
    }

    [Fact]
    public void This_machine_is_one_the_package_carries_a_broker_for()
    {
        // The tests run on linux-x64 (and developers' win-x64, osx-*): each has a standalone broker.
        Assert.Contains(BrokerRuntime.PlatformRuntimeIdentifiers()[0], BrokerRuntime.PackagedRuntimeIdentifiers);
    }

    [Fact]
    public void The_standalone_broker_for_the_platform_wins_over_dotnet()
    {
        AddFile("fluvio-broker.dll");
        string standalone = AddFile("linux-x64", "fluvio-broker");

        var launch = BrokerRuntime.Resolve(Portable, ["linux-x64"], windows: false, findHost: () => "/opt/dotnet/dotnet");

        Assert.Equal(standalone, launch.FileName);
        Assert.Empty(launch.Arguments);
    }

    [Fact]
    public void A_standalone_broker_that_lost_its_execute_bit_gets_it_back()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no execute bit
        }
        string standalone = AddFile("linux-x64", "fluvio-broker");
        File.SetUnixFileMode(standalone, UnixFileMode.UserRead | UnixFileMode.UserWrite); // as a zip or .nupkg extracts it

        BrokerRuntime.Resolve(Portable, ["linux-x64"], windows: false, findHost: () => null);

        Assert.True((File.GetUnixFileMode(standalone) & UnixFileMode.UserExecute) != 0);
    }

    [Fact]
    public void On_windows_the_broker_is_the_exe()
    {
        AddFile("win-x64", "fluvio-broker");
        string exe = AddFile("win-x64", "fluvio-broker.exe");

        Assert.Equal(exe, BrokerRuntime.Resolve(Portable, ["win-x64"], windows: true, findHost: () => null).FileName);
    }

    [Fact]
    public void Without_one_for_the_platform_dotnet_runs_the_portable_broker()
    {
        AddFile("fluvio-broker.dll");
        AddFile("win-x64", "fluvio-broker.exe");

        var launch = BrokerRuntime.Resolve(Portable, ["linux-x64"], windows: false, findHost: () => "/opt/dotnet/dotnet");

        Assert.Equal("/opt/dotnet/dotnet", launch.FileName);
        Assert.Equal([Portable], launch.Arguments);
    }

    [Fact]
    public void Without_either_the_error_says_what_to_do()
    {
        AddFile("fluvio-broker.dll");
        AddFile("win-x64", "fluvio-broker.exe");
        AddFile("osx-arm64", "fluvio-broker");

        var e = Assert.Throws<FluvioException>(() => BrokerRuntime.Resolve(Portable, ["linux-x64"], windows: false, findHost: () => null));

        Assert.Equal(FluvioErrorCode.BrokerRuntimeMissing, e.Code);
        Assert.Contains("no standalone broker for linux-x64 (it has one for osx-arm64, win-x64 only)", e.Message);
        Assert.Contains("-p:FluvioBrokerRuntimes=linux-x64", e.Message);
        Assert.Contains("ASP.NET Core runtime 8.0 or newer", e.Message);
    }

    [Fact]
    public void On_a_platform_without_standalone_brokers_the_error_says_so()
    {
        AddFile("fluvio-broker.dll");

        var e = Assert.Throws<FluvioException>(() => BrokerRuntime.Resolve(Portable, [], windows: false, findHost: () => null));

        Assert.Contains("no standalone broker is built for this platform", e.Message);
        Assert.Contains("install the ASP.NET Core runtime", e.Message);
    }

    [Fact]
    public void An_empty_broker_folder_is_a_broken_install()
    {
        var e = Assert.Throws<FluvioException>(() => BrokerRuntime.Resolve(Portable, ["linux-x64"], windows: false, findHost: () => "/opt/dotnet/dotnet"));

        Assert.Equal(FluvioErrorCode.BrokerRuntimeMissing, e.Code);
        Assert.Contains("missing from the module folder", e.Message);
    }
}
