using Fluvio.Testing.SmartModules;

namespace Fluvio.PowerShell.Tests;

/// <summary>Send-FluvioRecord -SmartModulePath / -SmartModule: the cluster runs the module on produce and stores what comes out (gRPC here, native in the .Native suite).</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class SmartModuleSendTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("fluvio-ps-smsend-");

    [Fact]
    public void OnlyWhatTheModuleLetsThroughIsStored()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("smsend");
        string filter = TestSmartModules.WriteFile(TestSmartModules.Filter, _folder.FullName);
        shell.Run($"$input | Send-FluvioRecord -Topic {topic} -SmartModulePath '{filter}'", ["apple", "plum", "banana", "kiwi"]).AssertClean();
        Assert.Equal(["apple", "banana"], shell.Receive(topic).Values());
    }

    [Fact]
    public void ABatchTheModuleFailsOnIsReportedPerRecordAndNotStored()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("smsend");
        string loop = TestSmartModules.WriteFile(TestSmartModules.OutOfBounds, _folder.FullName);
        var result = shell.Run($"$input | Send-FluvioRecord -Topic {topic} -SmartModulePath '{loop}'", ["a", "b"]);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.Equal("SmartModuleFailed", e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Contains("out of bounds memory access", result.Errors[0].Exception.Message);
        Assert.Empty(shell.Receive(topic));
    }

    [Fact]
    public void A_failed_line_of_a_file_is_reported_by_its_file_and_line_number()
    {
        // -Path keeps a pending line's number, not its text: the error names where it is.
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("smsend");
        string file = Path.Combine(_folder.FullName, "lines.txt");
        File.WriteAllLines(file, ["a", "b"]);
        string failing = TestSmartModules.WriteFile(TestSmartModules.OutOfBounds, _folder.FullName);
        var result = shell.Run($"Send-FluvioRecord -Topic {topic} -Path '{file}' -SmartModulePath '{failing}'");
        Assert.Equal([$"{file}:1", $"{file}:2"], result.Errors.Select(e => e.TargetObject as string));
        Assert.EndsWith($"(line 2 of '{file}')", result.Errors[1].Exception.Message);
        Assert.All(result.Errors, e => Assert.Equal("SmartModuleFailed", e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Empty(shell.Receive(topic));
    }

    [Fact]
    public void SmartModuleParametersWithoutAModuleAreRefusedBeforeAnythingIsSent()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("smsend");
        var result = shell.RunStrict($"$input | Send-FluvioRecord -Topic {topic} -AggregateInitial 0", ["1"]);
        Assert.Equal("-AggregateInitial goes with a SmartModule: add -SmartModule <name> or -SmartModulePath <file.wasm>.",
            result.AssertTerminating("InvalidSmartModule", "SendFluvioRecordCommand", System.Management.Automation.ErrorCategory.InvalidArgument).Exception.Message);
        Assert.Empty(shell.Receive(topic));
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
