using System.Reflection;

namespace Fluvio.Client.Tests;

/// <summary>
/// The transport seam speaks the client's own types, and the native transport never touches
/// protobuf: only the gRPC transport maps to the gRPC contract (DESIGN.md, layout).
/// </summary>
public class TransportSeamTests
{
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Type[] Seam =
    [
        typeof(IClusterTransport), typeof(IProduceLink), typeof(IConsumeStream), typeof(ProduceLinkBase),
        typeof(ProduceCall), typeof(SealedBatches), typeof(ProduceAnswer), typeof(PartitionOutcome), typeof(ConsumedChunk),
        typeof(PendingRequest), typeof(RequestPacker), typeof(ProduceSender), typeof(PartitionReader),
    ];

    public static TheoryData<string> SeamAndNativeTypes()
    {
        var data = new TheoryData<string>();
        var native = typeof(IClusterTransport).Assembly.GetTypes().Where(t => t.Name.StartsWith("Native", StringComparison.Ordinal) && t.DeclaringType is null);
        foreach (var type in Seam.Concat(native).Distinct())
        {
            data.Add(type.FullName!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SeamAndNativeTypes))]
    public void Uses_no_protobuf_or_gRPC_contract_type(string typeName)
    {
        var type = typeof(IClusterTransport).Assembly.GetType(typeName)!;
        // The type itself and what the compiler makes of its lambdas and async methods.
        var types = new[] { type }.Concat(type.GetNestedTypes(All)).ToList();
        var used = types.SelectMany(Mentioned).Where(IsRpc).Select(t => t.FullName).Distinct().ToList();
        Assert.Empty(used);
    }

    private static IEnumerable<Type> Mentioned(Type type) =>
        type.GetFields(All).Select(f => f.FieldType)
            .Concat(type.GetProperties(All).Select(p => p.PropertyType))
            .Concat(type.GetMethods(All).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
            .Concat(type.GetConstructors(All).SelectMany(c => c.GetParameters().Select(p => p.ParameterType)))
            .SelectMany(Unwrap);

    private static IEnumerable<Type> Unwrap(Type type)
    {
        yield return type;
        var inner = type.HasElementType ? [type.GetElementType()!] : type.IsGenericType ? type.GetGenericArguments() : [];
        foreach (var t in inner.SelectMany(Unwrap))
        {
            yield return t;
        }
    }

    private static bool IsRpc(Type type) =>
        type.Namespace is { } ns && (ns.StartsWith("Google.Protobuf", StringComparison.Ordinal) || ns == "Fluvio.Protocol.Grpc" || ns.StartsWith("Grpc.", StringComparison.Ordinal));
}
