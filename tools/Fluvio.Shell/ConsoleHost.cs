using System.Globalization;
using System.Management.Automation.Host;

namespace Fluvio.Shell;

/// <summary>The smallest PowerShell host that prints to the console: enough for Out-Default, -Verbose and warnings.</summary>
internal sealed class ConsoleHost : PSHost
{
    private readonly Guid _id = Guid.NewGuid();

    public override string Name => "fluvio-shell";
    public override Version Version => new(0, 1);
    public override Guid InstanceId => _id;
    public override PSHostUserInterface UI { get; } = new ConsoleHostUserInterface();
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }
}
