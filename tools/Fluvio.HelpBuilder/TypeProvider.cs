using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace Fluvio.HelpBuilder;

/// <summary>
/// Turns metadata type encodings (property signatures, attribute arguments) into ClrType names.
/// Names are all the help needs, so no referenced assembly is ever opened.
/// </summary>
internal sealed class TypeProvider : ISignatureTypeProvider<ClrType, object?>, ICustomAttributeTypeProvider<ClrType>
{
    public ClrType GetPrimitiveType(PrimitiveTypeCode typeCode) => ClrType.Simple("System." + typeCode switch
    {
        PrimitiveTypeCode.TypedReference => "TypedReference",
        PrimitiveTypeCode.IntPtr => "IntPtr",
        PrimitiveTypeCode.UIntPtr => "UIntPtr",
        _ => typeCode.ToString(),
    });

    public ClrType GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
    {
        var definition = reader.GetTypeDefinition(handle);
        string name = reader.GetString(definition.Name);
        var declaring = definition.GetDeclaringType();
        return declaring.IsNil
            ? new ClrType(reader.GetString(definition.Namespace), name, [], null)
            : NestedIn(GetTypeFromDefinition(reader, declaring, rawTypeKind), name);
    }

    public ClrType GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        var reference = reader.GetTypeReference(handle);
        string name = reader.GetString(reference.Name);
        return reference.ResolutionScope.Kind == HandleKind.TypeReference
            ? NestedIn(GetTypeFromReference(reader, (TypeReferenceHandle)reference.ResolutionScope, rawTypeKind), name)
            : new ClrType(reader.GetString(reference.Namespace), name, [], null);
    }

    public ClrType GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public ClrType GetSZArrayType(ClrType elementType) => new("", "", [], elementType);

    public ClrType GetArrayType(ClrType elementType, ArrayShape shape) => GetSZArrayType(elementType);

    public ClrType GetGenericInstantiation(ClrType genericType, ImmutableArray<ClrType> typeArguments) =>
        genericType with { Arguments = typeArguments };

    public ClrType GetByReferenceType(ClrType elementType) => elementType;

    public ClrType GetPointerType(ClrType elementType) => elementType;

    public ClrType GetPinnedType(ClrType elementType) => elementType;

    public ClrType GetModifiedType(ClrType modifier, ClrType unmodifiedType, bool isRequired) => unmodifiedType;

    public ClrType GetFunctionPointerType(MethodSignature<ClrType> signature) => ClrType.Simple("System.IntPtr");

    public ClrType GetGenericMethodParameter(object? genericContext, int index) => ClrType.Simple("!!" + index);

    public ClrType GetGenericTypeParameter(object? genericContext, int index) => ClrType.Simple("!" + index);

    // Attribute arguments: typeof(...) arrives as a serialized, possibly assembly-qualified name.
    public ClrType GetTypeFromSerializedName(string name)
    {
        int comma = name.IndexOf(',');
        return ClrType.Simple((comma < 0 ? name : name[..comma]).Replace('+', '.'));
    }

    public ClrType GetSystemType() => ClrType.Simple("System.Type");

    public bool IsSystemType(ClrType type) => type.FullName == "System.Type";

    // Every enum an attribute of interest takes (ConfirmImpact) is int-based; the value is not used.
    public PrimitiveTypeCode GetUnderlyingEnumType(ClrType type) => PrimitiveTypeCode.Int32;

    private static ClrType NestedIn(ClrType outer, string name) =>
        new(outer.Namespace, outer.Name + "." + name, [], null);
}
