namespace Fluvio.PowerShell;

/// <summary>
/// Where `Get-Help -Online` goes: each cmdlet's page in docs/help, the same words the MAML help
/// is built from, at the module's ProjectUri (Fluvio.psd1).
/// </summary>
internal static class HelpLinks
{
    public const string Base = "https://github.com/fluvio-powershell/fluvio-powershell/blob/main/docs/help/";
}
