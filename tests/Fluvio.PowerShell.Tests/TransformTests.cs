using System.Management.Automation;
using Fluvio.Testing.SmartModules;

namespace Fluvio.PowerShell.Tests;

/// <summary>
/// -Transform (a transforms file) and -TransformLine (steps as JSON) on Receive- and
/// Send-FluvioRecord: each step a module stored on the cluster (New-FluvioSmartModule), run in
/// order by the cluster; over gRPC here and over the native protocol in the .Native suite.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class TransformTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("fluvio-ps-transform-");

    /// <summary>Stores the module under a new name and returns the name.</summary>
    private string Store(PowerShellSession shell, string module)
    {
        string name = "tf-" + Guid.NewGuid().ToString("N")[..10];
        shell.Run($"New-FluvioSmartModule -Name {name} -Path '{TestSmartModules.WriteFile(module, _folder.FullName)}'").AssertClean();
        return name;
    }

    private string File(string text)
    {
        string path = Path.Combine(_folder.FullName, $"transforms-{Guid.NewGuid():N}.yaml");
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private static string FruitTopic(PowerShellSession shell)
    {
        string topic = shell.NewTopic("transform");
        shell.Run($"$input | Send-FluvioRecord -Topic {topic} -KeySeparator '='", ["k1=apple", "k2=plum", "k1=#kiwi", "k2=banana"]).AssertClean();
        return topic;
    }

    [Fact]
    public void A_transforms_file_runs_its_steps_in_order_on_receive()
    {
        using var shell = cluster.NewShell();
        string topic = FruitTopic(shell);
        string filter = Store(shell, TestSmartModules.Filter);
        string map = Store(shell, TestSmartModules.Map);
        string byKey = Store(shell, TestSmartModules.FilterByKey);

        string filterThenMap = File($"""
            # keep the values with an 'a', then upper-case them
            transforms:
              - uses: {filter}
              - uses: {map}
            """);
        Assert.Equal(["APPLE", "BANANA"], shell.Receive(topic, $"-Transform '{filterThenMap}'").Values());
        // The other way round the filter sees upper-case values, which have no 'a'.
        Assert.Empty(shell.Receive(topic, $"-Transform '{File($"transforms:\n- uses: {map}\n- uses: {filter}\n")}'"));
        // A step's `with` goes to its module's init, as -SmartModuleParameter does.
        string withKey = File($"""
            transforms:
              - uses: {byKey}
                with:
                  key: k2
              - uses: {map}
            """);
        Assert.Equal(["PLUM", "BANANA"], shell.Receive(topic, $"-Transform '{withKey}'").Values());
        // An empty chain runs nothing.
        Assert.Equal(4, shell.Receive(topic, $"-Transform '{File("transforms: []")}'").Count);
    }

    [Fact]
    public void Transform_lines_are_steps_as_json()
    {
        using var shell = cluster.NewShell();
        string topic = FruitTopic(shell);
        string byKey = Store(shell, TestSmartModules.FilterByKey);
        string map = Store(shell, TestSmartModules.Map);
        string first = "{\"uses\":\"" + byKey + "\",\"with\":{\"key\":\"k1\"}}";
        var records = shell.Run($$"""Receive-FluvioRecord -Topic {{topic}} -TransformLine '{{first}}', '{"uses":"{{map}}"}'""").AssertClean().Output;
        Assert.Equal(["APPLE", "#KIWI"], records.Values());
    }

    [Fact]
    public void On_send_only_what_the_chain_lets_through_is_stored_as_it_comes_out()
    {
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("transform");
        string file = File($"transforms:\n  - uses: {Store(shell, TestSmartModules.Filter)}\n  - uses: {Store(shell, TestSmartModules.Map)}\n");
        shell.Run($"$input | Send-FluvioRecord -Topic {topic} -Transform '{file}'", ["apple", "plum", "banana", "kiwi"]).AssertClean();
        Assert.Equal(["APPLE", "BANANA"], shell.Receive(topic).Values());

        string other = shell.NewTopic("transform");
        string map = Store(shell, TestSmartModules.Map);
        shell.Run($$"""$input | Send-FluvioRecord -Topic {{other}} -TransformLine '{"uses":"{{map}}"}'""", ["kiwi"]).AssertClean();
        Assert.Equal(["KIWI"], shell.Receive(other).Values());
    }

    [Fact]
    public void A_steps_lookback_runs_on_the_cluster_before_its_stream()
    {
        // FilterLookback keeps a value only when it is greater than the last one it saw, looked back at or let through.
        using var shell = cluster.NewShell();
        string topic = shell.NewTopic("transform");
        shell.Run($"$input | Send-FluvioRecord -Topic {topic}", ["1", "5", "3", "8"]).AssertClean();
        string module = Store(shell, TestSmartModules.FilterLookback);

        Assert.Equal(["1", "5", "8"], shell.Receive(topic, $"-Transform '{File($"transforms:\n  - uses: {module}\n")}'").Values());
        // Looking back at the last record, 8, first: nothing stored is greater.
        string lastOne = File($"""
            transforms:
              - uses: {module}
                lookback:
                  last: 1
            """);
        Assert.Empty(shell.Receive(topic, $"-Transform '{lastOne}'"));
        // On send: 6 is not greater than 8, 9 is; an age of a day looks back at all four.
        string aDay = "{\"uses\":\"" + module + "\",\"lookback\":{\"age\":\"1day\"}}";
        shell.Run($"$input | Send-FluvioRecord -Topic {topic} -TransformLine '{aDay}'", ["6", "9"]).AssertClean();
        Assert.Equal(["1", "5", "3", "8", "9"], shell.Receive(topic).Values());
    }

    [Fact]
    public void A_step_naming_a_module_the_cluster_does_not_hold_is_not_found()
    {
        using var shell = cluster.NewShell();
        string topic = FruitTopic(shell);
        string file = File($"transforms:\n  - uses: {Store(shell, TestSmartModules.Filter)}\n  - uses: no-such-module@0.1.0\n");
        var result = shell.RunStrict($"Receive-FluvioRecord -Topic {topic} -Transform '{file}'");
        Assert.Empty(result.Output);
        var error = result.AssertTerminating("SmartModuleNotFound", "ReceiveFluvioRecordCommand", ErrorCategory.ObjectNotFound, topic);
        Assert.Contains("no-such-module@0.1.0", error.Exception.Message);
    }

    [Fact]
    public void A_transform_with_the_single_module_parameters_is_refused_before_anything_is_read()
    {
        using var shell = cluster.NewShell();
        string topic = FruitTopic(shell);
        string file = File("transforms:\n  - uses: x\n");

        var withName = shell.RunStrict($"Receive-FluvioRecord -Topic {topic} -Transform '{file}' -SmartModule x -SmartModuleParameter @{{ a = 'b' }}");
        Assert.Equal("-Transform chains SmartModules of its own: it cannot be combined with -SmartModule, -SmartModuleParameter. Name each module as a step's `uses` (with its parameters under `with`).",
            withName.AssertTerminating("InvalidSmartModule", "ReceiveFluvioRecordCommand", ErrorCategory.InvalidArgument, file).Exception.Message);

        var lineWithInitial = shell.RunStrict($$"""$input | Send-FluvioRecord -Topic {{topic}} -TransformLine '{"uses":"x"}' -AggregateInitial 0""", ["1"]);
        Assert.StartsWith("-TransformLine chains SmartModules of its own: it cannot be combined with -AggregateInitial.",
            lineWithInitial.AssertTerminating("InvalidSmartModule", "SendFluvioRecordCommand", ErrorCategory.InvalidArgument, new[] { """{"uses":"x"}""" }).Exception.Message);

        var both = shell.RunStrict($$"""Receive-FluvioRecord -Topic {{topic}} -Transform '{{file}}' -TransformLine '{"uses":"x"}'""");
        Assert.Equal("Give -Transform (a transforms file) or -TransformLine (steps as JSON), not both.",
            both.AssertTerminating("InvalidSmartModule", "ReceiveFluvioRecordCommand", ErrorCategory.InvalidArgument, file).Exception.Message);
        Assert.Equal(4, shell.Receive(topic).Count); // the refused send stored nothing
    }

    [Fact]
    public void A_bad_transforms_file_or_line_says_what_and_where()
    {
        using var shell = cluster.NewShell();
        string topic = FruitTopic(shell);

        string missing = Path.Combine(_folder.FullName, "missing.yaml");
        var notFound = shell.RunStrict($"Receive-FluvioRecord -Topic {topic} -Transform '{missing}'");
        Assert.Contains("Transforms file not found", notFound.AssertTerminating("FileNotFound", "ReceiveFluvioRecordCommand", ErrorCategory.ObjectNotFound, missing).Exception.Message);

        string tabs = File("transforms:\n  - uses: a\n\twith: {}\n");
        var badYaml = shell.RunStrict($"Receive-FluvioRecord -Topic {topic} -Transform '{tabs}'");
        Assert.Equal($"Cannot use the transforms file '{tabs}': line 3: a tab is used for indentation: YAML indents with spaces only",
            badYaml.AssertTerminating("InvalidTransform", "ReceiveFluvioRecordCommand", ErrorCategory.InvalidData, tabs).Exception.Message);

        string noUses = File("transforms:\n  - with:\n      key: k1\n");
        var stepWithoutUses = shell.RunStrict($"$input | Send-FluvioRecord -Topic {topic} -Transform '{noUses}'", ["x"]);
        Assert.EndsWith("line 2: step 1 has no `uses`: name the SmartModule it runs",
            stepWithoutUses.AssertTerminating("InvalidTransform", "SendFluvioRecordCommand", ErrorCategory.InvalidData, noUses).Exception.Message);

        string badAge = File("transforms:\n  - uses: a\n    lookback:\n      age: 2 fortnights\n");
        Assert.Contains("line 4: step 1: `lookback.age` '2 fortnights' is not a duration: unknown time unit \"fortnights\"",
            shell.RunStrict($"Receive-FluvioRecord -Topic {topic} -Transform '{badAge}'").AssertTerminating("InvalidTransform", "ReceiveFluvioRecordCommand", ErrorCategory.InvalidData, badAge).Exception.Message);

        var badLine = shell.RunStrict($"Receive-FluvioRecord -Topic {topic} -TransformLine '{{\"uses\":\"a\"}}', '{{\"with\":{{}}}}'");
        Assert.Equal("Cannot use -TransformLine: transform line 2: the step has no \"uses\": name the SmartModule it runs",
            badLine.AssertTerminating("InvalidTransform", "ReceiveFluvioRecordCommand", ErrorCategory.InvalidArgument, new[] { """{"uses":"a"}""", """{"with":{}}""" }).Exception.Message);
        Assert.Equal(4, shell.Receive(topic).Count); // the refused send stored nothing
    }

    [Fact]
    public void A_wildcard_names_one_file_or_is_refused()
    {
        using var shell = cluster.NewShell();
        string topic = FruitTopic(shell);
        string map = Store(shell, TestSmartModules.Map);
        File($"transforms:\n  - uses: {map}\n");
        File($"transforms:\n  - uses: {map}\n");
        string several = Path.Combine(_folder.FullName, "transforms-*.yaml");
        var ambiguous = shell.RunStrict($"Receive-FluvioRecord -Topic {topic} -Transform '{several}'");
        Assert.Contains("matches 2 files", ambiguous.AssertTerminating("AmbiguousPath", "ReceiveFluvioRecordCommand", ErrorCategory.InvalidArgument, several).Exception.Message);
        var modules = Path.Combine(_folder.FullName, "*.wasm");
        TestSmartModules.WriteFile(TestSmartModules.Filter, _folder.FullName);
        TestSmartModules.WriteFile(TestSmartModules.Map, _folder.FullName);
        shell.RunStrict($"Receive-FluvioRecord -Topic {topic} -SmartModulePath '{modules}'").AssertTerminating("AmbiguousPath", "ReceiveFluvioRecordCommand", ErrorCategory.InvalidArgument, modules);
        var none = Path.Combine(_folder.FullName, "none-*.yaml");
        shell.RunStrict($"Receive-FluvioRecord -Topic {topic} -Transform '{none}'").AssertTerminating("FileNotFound", "ReceiveFluvioRecordCommand", ErrorCategory.ObjectNotFound, none);
        // One match is that file.
        System.IO.File.Delete(Directory.GetFiles(_folder.FullName, "transforms-*.yaml")[0]);
        Assert.Equal(["APPLE", "PLUM", "#KIWI", "BANANA"], shell.Receive(topic, $"-Transform '{several}'").Values());
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
