using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Fluvio.HelpBuilder;

/// <summary>
/// Reads cmdlets from an assembly's metadata: [Cmdlet], [OutputType], and on each property
/// (including those inherited from base classes in the same assembly) [Parameter], [Alias],
/// [SupportsWildcards]. Attributes are matched by full name, so it works against
/// PowerShellStandard.Library and System.Management.Automation alike.
/// </summary>
internal static class CmdletReader
{
    private const string Sma = "System.Management.Automation.";

    public static IReadOnlyList<CmdletModel> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var provider = new TypeProvider();
        var cmdlets = new List<CmdletModel>();
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            if ((type.Attributes & TypeAttributes.Abstract) != 0 || (type.Attributes & TypeAttributes.VisibilityMask) != TypeAttributes.Public)
            {
                continue; // PowerShell only exports public, concrete cmdlet classes.
            }
            var attributes = Decode(reader, type.GetCustomAttributes(), provider);
            int at = attributes.FindIndex(a => a.Name == Sma + "CmdletAttribute");
            if (at < 0)
            {
                continue;
            }
            var cmdlet = attributes[at];
            cmdlets.Add(new CmdletModel(
                Verb: (string)cmdlet.Value.FixedArguments[0].Value!,
                Noun: (string)cmdlet.Value.FixedArguments[1].Value!,
                DefaultParameterSet: Named<string>(cmdlet.Value, "DefaultParameterSetName"),
                SupportsShouldProcess: Named<bool>(cmdlet.Value, "SupportsShouldProcess"),
                Parameters: ReadParameters(reader, handle, provider),
                OutputTypes: attributes.Where(a => a.Name == Sma + "OutputTypeAttribute").SelectMany(a => OutputTypes(a.Value)).Distinct().ToList()));
        }
        return cmdlets.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Derived class first, then its bases, as PowerShell lists them; a redeclared name keeps the derived one.</summary>
    private static List<ParameterModel> ReadParameters(MetadataReader reader, TypeDefinitionHandle handle, TypeProvider provider)
    {
        var parameters = new List<ParameterModel>();
        for (var current = handle; !current.IsNil; current = BaseInAssembly(reader, current))
        {
            var type = reader.GetTypeDefinition(current);
            foreach (var propertyHandle in type.GetProperties())
            {
                var property = reader.GetPropertyDefinition(propertyHandle);
                string name = reader.GetString(property.Name);
                var attributes = Decode(reader, property.GetCustomAttributes(), provider);
                var sets = attributes.Where(a => a.Name == Sma + "ParameterAttribute").Select(a => SetEntry(a.Value)).ToList();
                if (sets.Count == 0 || parameters.Any(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }
                var propertyType = WithEnumValues(reader, property.DecodeSignature(provider, null).ReturnType);
                var validSet = attributes.Where(a => a.Name == Sma + "ValidateSetAttribute").SelectMany(a => Strings(a.Value)).ToList();
                if (validSet.Count > 0)
                {
                    propertyType = propertyType with { EnumValues = validSet };
                }
                parameters.Add(new ParameterModel(
                    name,
                    propertyType,
                    attributes.Where(a => a.Name == Sma + "AliasAttribute").SelectMany(a => Strings(a.Value)).ToList(),
                    attributes.Any(a => a.Name == Sma + "SupportsWildcardsAttribute"),
                    sets,
                    DefaultValue(attributes)));
            }
        }
        return parameters;
    }

    private static ParameterSetEntry SetEntry(CustomAttributeValue<ClrType> parameter)
    {
        // Position's default in ParameterAttribute is int.MinValue, meaning "named".
        int position = Named(parameter, "Position", int.MinValue);
        return new ParameterSetEntry(
            Named<string>(parameter, "ParameterSetName") ?? ParameterSetEntry.AllSets,
            Named<bool>(parameter, "Mandatory"),
            position == int.MinValue ? null : position,
            Named<bool>(parameter, "ValueFromPipeline"),
            Named<bool>(parameter, "ValueFromPipelineByPropertyName"),
            Named<bool>(parameter, "DontShow"));
    }

    private static TypeDefinitionHandle BaseInAssembly(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var baseType = reader.GetTypeDefinition(handle).BaseType;
        return baseType.Kind == HandleKind.TypeDefinition ? (TypeDefinitionHandle)baseType : default;
    }

    /// <summary>Adds the member names of an enum defined in this assembly (for the {A | B} list in syntax).</summary>
    private static ClrType WithEnumValues(MetadataReader reader, ClrType type)
    {
        var underlying = type.Element ?? type.Underlying;
        foreach (var handle in reader.TypeDefinitions)
        {
            var definition = reader.GetTypeDefinition(handle);
            if (reader.GetString(definition.Name) != underlying.Name || reader.GetString(definition.Namespace) != underlying.Namespace
                || definition.BaseType.Kind != HandleKind.TypeReference
                || reader.GetString(reader.GetTypeReference((TypeReferenceHandle)definition.BaseType).Name) != "Enum")
            {
                continue;
            }
            var values = definition.GetFields()
                .Select(reader.GetFieldDefinition)
                .Where(f => (f.Attributes & FieldAttributes.Static) != 0)
                .Select(f => reader.GetString(f.Name))
                .ToList();
            return type with { EnumValues = values };
        }
        return type;
    }

    private static IEnumerable<string> OutputTypes(CustomAttributeValue<ClrType> outputType) =>
        outputType.FixedArguments.Length == 0 ? [] : Elements(outputType.FixedArguments[0]).Select(v => v switch
        {
            ClrType type => type.FullName,
            string name => name,
            _ => "System.Object",
        });

    private static IEnumerable<string> Strings(CustomAttributeValue<ClrType> value) =>
        value.FixedArguments.SelectMany(Elements).OfType<string>();

    /// <summary>[PSDefaultValue(Help = "words")] when the default needs words, else its Value as text.</summary>
    private static string? DefaultValue(List<(string Name, CustomAttributeValue<ClrType> Value)> attributes) =>
        attributes.Where(a => a.Name == Sma + "PSDefaultValueAttribute")
            .Select(a => Named<string>(a.Value, "Help") ?? Convert.ToString(Named<object>(a.Value, "Value"), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();

    /// <summary>The values of a params-array argument (or of a single value).</summary>
    private static IEnumerable<object?> Elements(CustomAttributeTypedArgument<ClrType> argument) =>
        argument.Value is ImmutableArray<CustomAttributeTypedArgument<ClrType>> items ? items.Select(i => i.Value) : [argument.Value];

    private static T? Named<T>(CustomAttributeValue<ClrType> value, string name, T? fallback = default) =>
        value.NamedArguments.FirstOrDefault(a => a.Name == name).Value is T found ? found : fallback;

    private static List<(string Name, CustomAttributeValue<ClrType> Value)> Decode(
        MetadataReader reader, CustomAttributeHandleCollection handles, TypeProvider provider)
    {
        var decoded = new List<(string, CustomAttributeValue<ClrType>)>();
        foreach (var handle in handles)
        {
            var attribute = reader.GetCustomAttribute(handle);
            string name = AttributeTypeName(reader, attribute);
            // Only PowerShell's own attributes are decoded: others may use enums or types we cannot size.
            if (name.StartsWith(Sma, StringComparison.Ordinal))
            {
                decoded.Add((name, attribute.DecodeValue(provider)));
            }
        }
        return decoded;
    }

    private static string AttributeTypeName(MetadataReader reader, CustomAttribute attribute)
    {
        EntityHandle type = attribute.Constructor.Kind switch
        {
            HandleKind.MemberReference => reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
            HandleKind.MethodDefinition => reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
            _ => default,
        };
        return type.Kind switch
        {
            HandleKind.TypeReference => Join(reader.GetTypeReference((TypeReferenceHandle)type).Namespace, reader.GetTypeReference((TypeReferenceHandle)type).Name),
            HandleKind.TypeDefinition => Join(reader.GetTypeDefinition((TypeDefinitionHandle)type).Namespace, reader.GetTypeDefinition((TypeDefinitionHandle)type).Name),
            _ => "",
        };

        string Join(StringHandle ns, StringHandle name) => reader.GetString(ns) + "." + reader.GetString(name);
    }
}
