using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>Small helpers the user-story tests share: topics, reading back, properties, error assertions.</summary>
internal static class TestSupport
{
    private const string CommandNamespace = "Fluvio.PowerShell.Commands.";

    /// <summary>
    /// Runs a script in which a terminating error stops the script, as it does for a caller's
    /// try/catch or -ErrorAction Stop: it lands in <see cref="ShellResult.Terminating"/>, while
    /// non-terminating errors stay in <see cref="ShellResult.Errors"/>.
    /// </summary>
    public static ShellResult RunStrict(this PowerShellSession shell, string script, IEnumerable<object>? input = null, IDictionary<string, object?>? variables = null) =>
        shell.Run("trap { break }\n" + script, input, variables);

    /// <summary>A loopback port nothing listens on.</summary>
    public static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static string NewTopic(this PowerShellSession shell, string prefix, int partitions = 1)
    {
        string topic = LocalClusterFixture.NewTopicName(prefix);
        shell.Run($"New-FluvioTopic -Name {topic} -Partitions {partitions}").AssertClean();
        return topic;
    }

    /// <summary>Receive-FluvioRecord -Topic <paramref name="topic"/> with <paramref name="arguments"/>, which must run cleanly.</summary>
    public static List<PSObject> Receive(this PowerShellSession shell, string topic, string arguments = "") =>
        shell.Run($"Receive-FluvioRecord -Topic {topic} {arguments}").AssertClean().Output;

    /// <summary>A property's value as PowerShell shows it (no conversion).</summary>
    public static object? P(this PSObject o, string name) =>
        (o.Properties[name] ?? throw new Xunit.Sdk.XunitException($"{o.BaseObject.GetType().Name} has no property '{name}'")).Value;

    public static T P<T>(this PSObject o, string name) => Assert.IsType<T>(o.P(name));

    public static List<string?> Values(this IEnumerable<PSObject> records) => records.Select(r => (string?)r.P("Value")).ToList();

    /// <summary>The values, partition by partition and in offset order (the order between partitions is not defined).</summary>
    public static List<string?> InPartitionOrder(IEnumerable<PSObject> records) =>
        records.OrderBy(r => r.P<int>("Partition")).ThenBy(r => r.P<long>("Offset")).Values();

    public static List<string?> Keys(this IEnumerable<PSObject> records) => records.Select(r => (string?)r.P("Key")).ToList();

    /// <summary>Asserts the id (as scripts match it), the category and the target object of an error.</summary>
    public static ErrorRecord AssertError(ErrorRecord? error, string id, string cmdletClass, ErrorCategory category, object? target)
    {
        Assert.NotNull(error);
        Assert.Equal($"{id},{CommandNamespace}{cmdletClass}", error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.Equal(target, error.TargetObject is PSObject wrapped ? wrapped.BaseObject : error.TargetObject); // as -eq in a script compares
        return error;
    }

    public static ErrorRecord AssertTerminating(this ShellResult result, string id, string cmdletClass, ErrorCategory category, object? target = null)
    {
        Assert.True(result.Terminating is not null, "Expected a terminating error; non-terminating: " +
            string.Join("; ", result.Errors.Select(e => e.FullyQualifiedErrorId)));
        return AssertError(result.Terminating.ErrorRecord, id, cmdletClass, category, target);
    }

    /// <summary>Lines as Get-Content writes them: strings carrying the provider's note properties.</summary>
    public static List<object> AsGetContentLines(string file, IEnumerable<string> lines) =>
        lines.Select((line, i) =>
        {
            var o = new PSObject(line);
            o.Properties.Add(new PSNoteProperty("PSPath", $"Microsoft.PowerShell.Core\\FileSystem::{file}"));
            o.Properties.Add(new PSNoteProperty("PSParentPath", $"Microsoft.PowerShell.Core\\FileSystem::{Path.GetDirectoryName(file)}"));
            o.Properties.Add(new PSNoteProperty("PSChildName", Path.GetFileName(file)));
            o.Properties.Add(new PSNoteProperty("PSDrive", "/"));
            o.Properties.Add(new PSNoteProperty("PSProvider", "Microsoft.PowerShell.Core\\FileSystem"));
            o.Properties.Add(new PSNoteProperty("ReadCount", (long)i + 1));
            return (object)o;
        }).ToList();
}
