using System.Reflection;
using System.Text.Json;

namespace Fluvio.Storage.Tests;

/// <summary>
/// Storage sits on Fluvio.Protocol alone: the gRPC contract lives in Fluvio.Protocol.Grpc, which
/// only the client and the broker reference (DESIGN.md, layout).
/// </summary>
public class LayeringTests
{
    private static readonly string[] RpcPackages = ["Grpc", "Google.Protobuf"];

    [Fact]
    public void Storage_and_Protocol_reference_no_gRPC_or_protobuf_assembly()
    {
        foreach (var assembly in new[] { typeof(LogStore).Assembly, typeof(Fluvio.Protocol.Records.RecordBatch).Assembly })
        {
            var names = assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
            Assert.DoesNotContain(names, n => RpcPackages.Any(p => n.StartsWith(p, StringComparison.Ordinal)));
            Assert.DoesNotContain("Fluvio.Protocol.Grpc", names);
        }
    }

    [Fact]
    public void The_storage_tests_dependency_graph_carries_no_gRPC_or_protobuf_package()
    {
        // This project references Fluvio.Storage only, so its deps.json is Storage's closure.
        string deps = Path.Combine(AppContext.BaseDirectory, Assembly.GetExecutingAssembly().GetName().Name + ".deps.json");
        using var json = JsonDocument.Parse(File.ReadAllBytes(deps));
        var libraries = json.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains(libraries, l => l.StartsWith("Fluvio.Protocol/", StringComparison.Ordinal));
        Assert.DoesNotContain(libraries, l => RpcPackages.Any(p => l.StartsWith(p, StringComparison.Ordinal)) || l.StartsWith("Fluvio.Protocol.Grpc/", StringComparison.Ordinal));
    }
}
