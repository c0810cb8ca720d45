namespace Fluvio.HelpBuilder;

/// <summary>A cmdlet as its attributes describe it: everything structural in the help comes from here.</summary>
internal sealed record CmdletModel(
    string Verb,
    string Noun,
    string? DefaultParameterSet,
    bool SupportsShouldProcess,
    IReadOnlyList<ParameterModel> Parameters,
    IReadOnlyList<string> OutputTypes)
{
    public string Name => $"{Verb}-{Noun}";
}

/// <summary>One [Parameter] property, with one entry per [Parameter] attribute it carries, and its [PSDefaultValue] if any.</summary>
internal sealed record ParameterModel(
    string Name,
    ClrType Type,
    IReadOnlyList<string> Aliases,
    bool SupportsWildcards,
    IReadOnlyList<ParameterSetEntry> Sets,
    string? DefaultValue = null)
{
    public bool IsSwitch => Type.FullName == "System.Management.Automation.SwitchParameter";
}

/// <summary>What one [Parameter(...)] says; SetName is "__AllParameterSets" when it names none.</summary>
internal sealed record ParameterSetEntry(
    string SetName,
    bool Mandatory,
    int? Position,
    bool FromPipeline,
    bool FromPipelineByPropertyName,
    bool DontShow)
{
    public const string AllSets = "__AllParameterSets";
}

/// <summary>
/// A type as named in metadata. Nullable&lt;T&gt; is kept as such so the help can show T (what the
/// user types); EnumValues (set on the parameter's type as declared, Nullable or array included)
/// lists an enum defined in the cmdlet assembly itself, or a [ValidateSet].
/// </summary>
internal sealed record ClrType(string Namespace, string Name, IReadOnlyList<ClrType> Arguments, ClrType? Element)
{
    public IReadOnlyList<string> EnumValues { get; init; } = [];

    public string FullName => Element is not null
        ? Element.FullName + "[]"
        : Arguments.Count == 0 ? Qualified : $"{Qualified}[{string.Join(",", Arguments.Select(a => a.FullName))}]";

    /// <summary>The name a user reads in syntax: String, Int32[], FluvioCompression; Nullable[Int32] shows as Int32.</summary>
    public string ShortName => Element is not null
        ? Element.ShortName + "[]"
        : IsNullable ? Arguments[0].ShortName : Name.Split('`')[0];

    public bool IsNullable => Namespace == "System" && Name == "Nullable`1" && Arguments.Count == 1;

    /// <summary>The type that carries the meaning: T for Nullable&lt;T&gt;.</summary>
    public ClrType Underlying => IsNullable ? Arguments[0] : this;

    private string Qualified => Namespace.Length == 0 ? Name : $"{Namespace}.{Name}";

    public static ClrType Simple(string fullName)
    {
        int dot = fullName.LastIndexOf('.');
        return dot < 0 ? new ClrType("", fullName, [], null) : new ClrType(fullName[..dot], fullName[(dot + 1)..], [], null);
    }
}
