using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Fluvio.Shell;

// Runs a script (default: the seed walkthrough) in a hosted PowerShell engine with the published
// module imported, printing what PowerShell would print. Exit code 1 when the script failed.

string root = RepoRoot();
string script = args.Length > 0 ? Path.GetFullPath(args[0]) : Path.Combine(root, "examples", "seed-walkthrough.ps1");
string manifest = Path.Combine(root, "out", "Fluvio", "Fluvio.psd1");

var state = InitialSessionState.CreateDefault2();
state.ImportPSModule(manifest);
var host = new ConsoleHost();
using var runspace = RunspaceFactory.CreateRunspace(host, state);
runspace.Open();
using var ps = PowerShell.Create();
ps.Runspace = runspace;
ps.AddScript(File.ReadAllText(script)).AddCommand("Out-Default");
ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.All, PipelineResultTypes.Output);
try
{
    ps.Invoke();
}
catch (RuntimeException e)
{
    Console.Error.WriteLine($"{e.ErrorRecord.FullyQualifiedErrorId}: {e.Message}");
    return 1;
}
return ps.HadErrors ? 1 : 0;

static string RepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Fluvio.PowerShell.sln")))
        {
            return dir.FullName;
        }
    }
    throw new DirectoryNotFoundException("Run fluvio-shell from the repository (Fluvio.PowerShell.sln not found).");
}
