using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace Fluvio.Shell;

/// <summary>Writes every stream to the console; never prompts (scripts run unattended here).</summary>
internal sealed class ConsoleHostUserInterface : PSHostUserInterface
{
    public override PSHostRawUserInterface RawUI { get; } = new ConsoleRawUserInterface();

    // Formatting emits colour escapes; a host decides whether its output can show them.
    private static readonly bool Terminal = !Console.IsOutputRedirected;

    public override bool SupportsVirtualTerminal => Terminal;

    public override void Write(string value) => Console.Write(GetOutputString(value, Terminal));
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
    public override void WriteLine(string value) => Console.WriteLine(GetOutputString(value, Terminal));
    public override void WriteErrorLine(string value) => Console.Error.WriteLine(value);
    public override void WriteVerboseLine(string message) => Console.WriteLine($"VERBOSE: {message}");
    public override void WriteWarningLine(string message) => Console.WriteLine($"WARNING: {message}");
    public override void WriteDebugLine(string message) => Console.WriteLine($"DEBUG: {message}");
    public override void WriteProgress(long sourceId, ProgressRecord record) { }

    public override string ReadLine() => throw Unattended();
    public override SecureString ReadLineAsSecureString() => throw Unattended();
    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw Unattended();
    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw Unattended();
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw Unattended();
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw Unattended();

    private static PSInvalidOperationException Unattended() => new("fluvio-shell runs scripts unattended and cannot prompt; pass -Confirm:$false or -Force.");
}
