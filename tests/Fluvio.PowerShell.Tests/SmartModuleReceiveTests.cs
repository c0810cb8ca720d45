using System.Management.Automation;
using Fluvio.Testing.SmartModules;

namespace Fluvio.PowerShell.Tests;

/// <summary>
/// Receive-FluvioRecord -SmartModulePath / -SmartModuleParameter / -AggregateInitial against the
/// local cluster, which runs the module (the WebAssembly-text modules of TestSmartModules,
/// compiled to .wasm files here); over gRPC here and over the native protocol in the .Native suite.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class SmartModuleReceiveTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("fluvio-ps-sm-");

    private string Wasm(string module) => TestSmartModules.WriteFile(module, _folder.FullName);

    private static string FruitTopic(PowerShellSession shell)
    {
        string topic = shell.NewTopic("sm");
        shell.Run($"$input | Send-FluvioRecord -Topic {topic} -KeySeparator '='", ["k1=apple", "k2=plum", "k1=#kiwi", "k2=banana"]).AssertClean();
        return topic;
    }

    [Fact]
    public void AFilterAMapAndAFilterMapGiveTheRecordsTheirModulesDefine()
    {
        using var shell = cluster.NewShell();
        string topic = FruitTopic(shell);

        var filtered = shell.Receive(topic, $"-SmartModulePath '{Wasm(TestSmartModules.Filter)}'");
        Assert.Equal(["apple", "banana"], filtered.Values());
        Assert.Equal([0L, 3L], filtered.Select(r => r.P<long>("Offset")));
        Assert.Equal(["APPLE", "PLUM", "#KIWI", "BANANA"], shell.Receive(topic, $"-SmartModulePath '{Wasm(TestSmartModules.Map)}'").Values());
        Assert.Equal(["kiwi"], shell.Receive(topic, $"-SmartModulePath '{Wasm(TestSmartModules.FilterMap)}'").Values());
    }

    [Fact]
    public void ParametersGoToTheModuleAsAHashtable()
    {
        using var shell = cluster.NewShell();
        string topic = FruitTopic(shell);
        var records = shell.Receive(topic, $"-SmartModulePath '{Wasm(TestSmartModules.FilterByKey)}' -SmartModuleParameter @{{ key = 'k2' }}");
        Assert.Equal(["plum", "banana"], records.Values());
        Assert.Equal(["k2", "k2"], records.Select(r => (string?)r.P("Key")));
    }

    [Fact]
    public void AnAggregateKeepsARunningTotalFromTheInitialValue()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("sm");
        shell.Run($"$input | Send-FluvioRecord -Topic {topic}", ["5", "10", "20"]).AssertClean();
        Assert.Equal(["105", "115", "135"], shell.Receive(topic, $"-SmartModulePath '{Wasm(TestSmartModules.Aggregate)}' -AggregateInitial 100").Values());
    }

    [Fact]
    public void AModuleThatLoopsEndsTheReadWithTheClustersSmartModuleError()
    {
        using var shell = cluster.NewShell();
        string topic = FruitTopic(shell);
        var result = shell.RunStrict($"Receive-FluvioRecord -Topic {topic} -SmartModulePath '{Wasm(TestSmartModules.EndlessLoop)}'");
        Assert.Empty(result.Output);
        var error = result.AssertTerminating("SmartModuleFailed", "ReceiveFluvioRecordCommand", ErrorCategory.InvalidOperation, topic);
        Assert.Contains("used up its fuel", error.Exception.Message);
        // The cluster goes on serving the same topic.
        Assert.Equal(4, shell.Receive(topic).Count);
    }

    [Fact]
    public void AModuleInitRefusingItsParametersSaysWhy()
    {
        using var shell = cluster.NewShell();
        string topic = FruitTopic(shell);
        var result = shell.RunStrict($"Receive-FluvioRecord -Topic {topic} -SmartModulePath '{Wasm(TestSmartModules.FilterByKey)}'");
        var error = result.AssertTerminating("SmartModuleFailed", "ReceiveFluvioRecordCommand", ErrorCategory.InvalidOperation, topic);
        Assert.Contains("Missing param key", error.Exception.Message);
    }

    [Fact]
    public void ANamedModuleTheClusterDoesNotHoldIsNotFound()
    {
        using var shell = cluster.NewShell();
        string topic = FruitTopic(shell);
        var result = shell.RunStrict($"Receive-FluvioRecord -Topic {topic} -SmartModule no-such-module");
        var error = result.AssertTerminating("SmartModuleNotFound", "ReceiveFluvioRecordCommand", ErrorCategory.ObjectNotFound, topic);
        Assert.Contains("no-such-module", error.Exception.Message);
    }

    [Fact]
    public void BadSmartModuleArgumentsAreRefusedBeforeAnythingIsRead()
    {
        using var shell = cluster.NewShell();
        string topic = FruitTopic(shell);

        var orphan = shell.RunStrict($"Receive-FluvioRecord -Topic {topic} -SmartModuleParameter @{{ key = 'k' }}");
        Assert.Equal("-SmartModuleParameter goes with a SmartModule: add -SmartModule <name> or -SmartModulePath <file.wasm>.",
            orphan.AssertTerminating("InvalidSmartModule", "ReceiveFluvioRecordCommand", ErrorCategory.InvalidArgument).Exception.Message);

        string filter = Wasm(TestSmartModules.Filter);
        var both = shell.RunStrict($"Receive-FluvioRecord -Topic {topic} -SmartModule x -SmartModulePath '{filter}'");
        Assert.Equal("Give -SmartModule (a module stored on the cluster) or -SmartModulePath (a .wasm file), not both.",
            both.AssertTerminating("InvalidSmartModule", "ReceiveFluvioRecordCommand", ErrorCategory.InvalidArgument, filter).Exception.Message);

        string missing = Path.Combine(_folder.FullName, "missing.wasm");
        var notFound = shell.RunStrict($"Receive-FluvioRecord -Topic {topic} -SmartModulePath '{missing}'");
        Assert.Contains("SmartModule file not found", notFound.AssertTerminating("FileNotFound", "ReceiveFluvioRecordCommand", ErrorCategory.ObjectNotFound, missing).Exception.Message);

        string text = Path.Combine(_folder.FullName, "filter.wat");
        File.WriteAllText(text, TestSmartModules.Filter);
        var notWasm = shell.RunStrict($"Receive-FluvioRecord -Topic {topic} -SmartModulePath '{text}'");
        Assert.Equal($"'{text}' is not a compiled SmartModule: a .wasm file starts with the bytes \\0asm.",
            notWasm.AssertTerminating("InvalidSmartModule", "ReceiveFluvioRecordCommand", ErrorCategory.InvalidArgument, text).Exception.Message);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
