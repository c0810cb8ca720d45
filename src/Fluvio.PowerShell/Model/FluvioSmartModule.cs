namespace Fluvio.PowerShell;

/// <summary>A SmartModule the cluster holds under a name, as Get-FluvioSmartModule and New-FluvioSmartModule show it.</summary>
public sealed class FluvioSmartModule
{
    public required string Name { get; init; }

    /// <summary>Bytes of the compiled module.</summary>
    public long Size { get; init; }

    public override string ToString() => Name;
}
