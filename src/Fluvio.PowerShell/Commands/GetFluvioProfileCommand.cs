using System.Management.Automation;
using Fluvio.Client;

namespace Fluvio.PowerShell.Commands;

/// <summary>
/// Get-FluvioProfile: the profiles of the Fluvio CLI's profile file ($env:FLV_PROFILE_PATH, else
/// ~/.fluvio/config), all or by name with wildcards. It only reads the file; no broker is contacted.
/// </summary>
[Cmdlet(VerbsCommon.Get, "FluvioProfile", HelpUri = HelpLinks.Base + "Get-FluvioProfile.md")]
[OutputType(typeof(FluvioProfile))]
public sealed class GetFluvioProfileCommand : FluvioCmdlet
{
    private bool _read;
    private FluvioConfigFile? _file;

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        string path = FluvioConfigFile.DefaultPath;
        var file = Read(path);
        var profiles = file?.Profiles ?? [];
        if (Name is null)
        {
            WriteObject(profiles.Select(ModelMapping.ToProfile), enumerateCollection: true);
            return;
        }
        foreach (string name in Name)
        {
            var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
            var matches = profiles.Where(p => pattern.IsMatch(p.Name)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
            {
                string where = file is null ? $"there is no Fluvio profile file at '{path}'" : $"it is not in '{path}'";
                WriteError(FluvioErrors.Create(FluvioErrors.ProfileNotFound, ErrorCategory.ObjectNotFound, $"Profile '{name}' not found: {where}.", name));
            }
            WriteObject(matches.Select(ModelMapping.ToProfile), enumerateCollection: true);
        }
    }

    /// <summary>The file, read once per call however many names are piped in; null (and a verbose line) when it does not exist.</summary>
    private FluvioConfigFile? Read(string path)
    {
        if (!_read)
        {
            _read = true;
            if (!File.Exists(path))
            {
                // Having no profiles is normal (the Fluvio CLI was never used here); naming one that is not there is not.
                WriteVerbose($"There is no Fluvio profile file at '{path}', so there are no profiles. " +
                    $"The Fluvio CLI writes it (fluvio profile add, fluvio cluster start); $env:{FluvioConfigFile.PathVariable} names another file.");
                return null;
            }
            try
            {
                _file = FluvioConfigFile.Load(path);
            }
            catch (FluvioException e)
            {
                ThrowTerminatingError(FluvioErrors.From(e, path));
            }
        }
        return _file;
    }
}
