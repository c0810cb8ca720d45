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
