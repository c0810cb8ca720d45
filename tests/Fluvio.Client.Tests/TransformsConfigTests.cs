using Fluvio.Testing.Vectors;

namespace Fluvio.Client.Tests;

/// <summary>
/// TransformsConfig against Fluvio's own facts: the testdata files of fluvio-smartengine 0.11.11
/// (tests/vectors/transformation/, copied unchanged) must give the steps and the exact `with`
/// strings its transformation.rs tests expect, and the JSON lines of its test_from_vec the same.
/// </summary>
public class TransformsConfigTests
{
    // The strings transformation.rs's test_read_from_file expects: serde_json's compact JSON, keys sorted.
    private const string JoltSpec = """[{"operation":"shift","spec":{"payload":{"device":"device"}}},{"operation":"default","spec":{"device":{"type":"mobile"}}}]""";
    private const string SqlMapping = """{"map-columns":{"device_id":{"json-key":"device.device_id","value":{"default":"0","required":true,"type":"int"}},"record":{"json-key":"$","value":{"required":true,"type":"jsonb"}}},"table":"topic_message_demo"}""";

    [Fact]
    public void Fluvios_full_yaml_gives_its_three_steps_exactly()
    {
        var steps = TransformsConfig.FromFile(TestVectors.PathOf("transformation/full.yaml"));

        Assert.Equal(3, steps.Count);
        Assert.Equal(["infinyon/jolt@0.1.0", "infinyon/jolt@0.1.0", "infinyon/json-sql@0.1.0"], steps.Select(s => s.Name));
        Assert.Equal(new SmartModuleLookback(0, TimeSpan.FromDays(7)), steps[0].Lookback);
        Assert.Equal(new SmartModuleLookback(1), steps[1].Lookback);
        Assert.Equal(new SmartModuleLookback(10, TimeSpan.FromSeconds(12)), steps[2].Lookback);
        Assert.Equal(new Dictionary<string, string> { ["spec"] = JoltSpec }, steps[0].Parameters);
        Assert.Equal(new Dictionary<string, string> { ["spec"] = JoltSpec }, steps[1].Parameters);
        Assert.Equal(new Dictionary<string, string> { ["mapping"] = SqlMapping }, steps[2].Parameters);
        Assert.All(steps, s => Assert.True(s.Wasm.IsEmpty && s.AggregateInitial is null));
    }

    [Fact]
    public void Fluvios_empty_yaml_is_an_empty_chain() =>
        Assert.Empty(TransformsConfig.FromFile(TestVectors.PathOf("transformation/empty.yaml")));

    [Fact]
    public void The_json_lines_of_fluvios_test_from_vec_give_their_steps()
    {
        // transformation.rs test_from_vec: its two lines (with an "invoke" field the step does not have: ignored).
        string[] lines =
        [
            """{"uses":"infinyon/jolt@0.1.0","invoke":"insert","with":{"spec":"[{\"operation\":\"remove\",\"spec\":{\"length\":\"\"}}]"}}""",
            """{"uses":"infinyon/json-sql@0.1.0","invoke":"insert","with":{"mapping":"{\"table\":\"topic_message_demo\",\"map-columns\":{\"fact\":{\"json-key\":\"fact\",\"value\":{\"type\":\"text\",\"required\":true}},\"record\":{\"json-key\":\"$\",\"value\":{\"type\":\"jsonb\",\"required\":true}}}}"}}""",
        ];
        var steps = TransformsConfig.FromJsonLines(lines);

        Assert.Equal(["infinyon/jolt@0.1.0", "infinyon/json-sql@0.1.0"], steps.Select(s => s.Name));
        Assert.Equal(new Dictionary<string, string> { ["spec"] = """[{"operation":"remove","spec":{"length":""}}]""" }, steps[0].Parameters);
        // A string value is passed as it is: its keys keep their order.
        Assert.Equal(new Dictionary<string, string> { ["mapping"] = """{"table":"topic_message_demo","map-columns":{"fact":{"json-key":"fact","value":{"type":"text","required":true}},"record":{"json-key":"$","value":{"type":"jsonb","required":true}}}}""" }, steps[1].Parameters);
        Assert.All(steps, s => Assert.Null(s.Lookback));
        Assert.Empty(TransformsConfig.FromJsonLines([]));
    }

    [Fact]
    public void The_example_line_of_the_clis_help_is_one_jolt_step()
    {
        // fluvio-cli consume/produce --transforms-line help text.
        var step = Assert.Single(TransformsConfig.FromJsonLines(
            ["""{"uses":"infinyon/jolt@0.1.0","with":{"spec":"[{\"operation\":\"default\",\"spec\":{\"source\":\"test\"}}]"}}"""]));
        Assert.Equal("infinyon/jolt@0.1.0", step.Name);
        Assert.Equal(new Dictionary<string, string> { ["spec"] = """[{"operation":"default","spec":{"source":"test"}}]""" }, step.Parameters);
    }

    [Fact]
    public void A_json_line_with_a_map_value_is_written_as_compact_json_with_sorted_keys()
    {
        var step = Assert.Single(TransformsConfig.FromJsonLines(
            ["""{ "uses": "m", "lookback": { "last": 3, "age": "1h 30m" }, "with": { "spec": { "b": [1, 2.50, 1e2, -0, true, null, "x\u00e9<"], "a": { "z": 1, "y": 2 } }, "s": "as is" } }"""]));
        Assert.Equal("""{"a":{"y":2,"z":1},"b":[1,2.5,100.0,-0.0,true,null,"xé<"]}""", step.Parameters!["spec"]);
        Assert.Equal("as is", step.Parameters["s"]);
        Assert.Equal(new SmartModuleLookback(3, TimeSpan.FromMinutes(90)), step.Lookback);
    }

    [Fact]
    public void Nested_yaml_scalars_resolve_as_serde_yaml_resolves_them()
    {
        var step = Assert.Single(TransformsConfig.FromYaml("""
            transforms:
              - uses: m
                with:
                  v:
                    ints: [0, -7, +5, 0x1F, 0o17, 0b101, 007, 18446744073709551615]
                    floats: [1.5, 1.0, 1e3, .5, -0.0, 1e16, 1e-7, 0.00001, .inf, .nan]
                    bools: [true, True, FALSE, yes, on]
                    nulls: [~, null, Null, '', "null"]
                    empty:
                    text: "tab\there \u00e9 \"q\" back\\slash"
                    "quoted key": 'it''s'
            """));
        Assert.Equal(
            """{"bools":[true,true,false,"yes","on"],"empty":null,"floats":[1.5,1.0,1000.0,0.5,-0.0,1e16,1e-7,0.00001,null,null],"ints":[0,-7,5,31,15,5,"007",18446744073709551615],"nulls":[null,null,null,"","null"],"quoted key":"it's","text":"tab\there é \"q\" back\\slash"}""",
            step.Parameters!["v"]);
    }

    [Fact]
    public void A_block_scalar_spec_is_passed_as_its_text()
    {
        var step = Assert.Single(TransformsConfig.FromYaml("""
            transforms:
              - uses: infinyon/jolt@0.1.0
                with:
                  spec: |
                    [
                      {"operation": "default", "spec": {"source": "test"}}
                    ]
                  folded: >-
                    one
                    two

                    three
            """));
        Assert.Equal("[\n  {\"operation\": \"default\", \"spec\": {\"source\": \"test\"}}\n]\n", step.Parameters!["spec"]);
        Assert.Equal("one two\nthree", step.Parameters["folded"]);
        Assert.Null(step.Lookback);
    }

    [Fact]
    public void Unknown_fields_are_ignored_and_an_empty_lookback_is_last_zero()
    {
        var steps = TransformsConfig.FromYaml("""
            # a comment
            version: 1
            transforms:
            - uses: first
              invoke: insert
              lookback: {}
            - uses: 'second'   # quoted
              lookback:
              with: {}
            """);
        Assert.Equal(["first", "second"], steps.Select(s => s.Name));
        Assert.Equal(new SmartModuleLookback(0), steps[0].Lookback);
        Assert.Null(steps[1].Lookback);
        Assert.Null(steps[1].Parameters);
    }

    [Theory]
    [InlineData("", "the file is empty", null)]
    [InlineData("# only a comment\n", "the file is empty", null)]
    [InlineData("- uses: a\n", "line 1: a transforms file is a mapping", 1)]
    [InlineData("steps:\n  - uses: a\n", "line 1: there is no `transforms` key", 1)]
    [InlineData("transforms:\n", "line 1: `transforms` must be a list", 1)]
    [InlineData("transforms: a\n", "line 1: `transforms` must be a list", 1)]
    [InlineData("transforms:\n  - with:\n      a: b\n", "line 2: step 1 has no `uses`", 2)]
    [InlineData("transforms:\n  - uses: a\n  - b\n", "line 3: step 2 must be a mapping", 3)]
    [InlineData("transforms:\n  - uses:\n", "line 2: step 1: `uses` must be the name of a SmartModule", 2)]
    [InlineData("transforms:\n  - uses: [a]\n", "line 2: step 1: `uses` must be the name", 2)]
    [InlineData("transforms:\n  - uses: a\n    with: b\n", "line 3: step 1: `with` must be a mapping", 3)]
    [InlineData("transforms:\n  - uses: a\n    with:\n      n: 5\n", "line 4: step 1: the `with` value of 'n' is a number (5): quote it ('5')", 4)]
    [InlineData("transforms:\n  - uses: a\n    with:\n      b: true\n", "line 4: step 1: the `with` value of 'b' is a bool (true)", 4)]
    [InlineData("transforms:\n  - uses: a\n    with:\n      z: ~\n", "line 4: step 1: the `with` value of 'z' is null", 4)]
    [InlineData("transforms:\n  - uses: a\n    lookback: 5\n", "line 3: step 1: `lookback` must be a mapping", 3)]
    [InlineData("transforms:\n  - uses: a\n    lookback:\n      last: -1\n", "line 4: step 1: `lookback.last` must be a whole number", 4)]
    [InlineData("transforms:\n  - uses: a\n    lookback:\n      last: '1'\n", "line 4: step 1: `lookback.last` must be a whole number", 4)]
    [InlineData("transforms:\n  - uses: a\n    lookback:\n      age: 12\n", "line 4: step 1: `lookback.age` '12' is not a duration: time unit needed, for example 12sec or 12ms", 4)]
    [InlineData("transforms:\n  - uses: a\n    lookback:\n      age: 1 fortnight\n", "line 4: step 1: `lookback.age` '1 fortnight' is not a duration: unknown time unit \"fortnight\"", 4)]
    [InlineData("transforms:\n  - uses: a\n    lookback:\n      age: [1h]\n", "line 4: step 1: `lookback.age` must be a duration", 4)]
    public void A_bad_file_is_refused_naming_its_line(string yaml, string message, int? line)
    {
        var e = Assert.Throws<TransformsFormatException>(() => TransformsConfig.FromYaml(yaml));
        Assert.StartsWith(message, e.Message);
        Assert.Equal(line, e.Line);
    }

    [Theory]
    [InlineData("", "transform line 1: not JSON")]
    [InlineData("uses: a", "transform line 1: not JSON")]
    [InlineData("[]", "transform line 1: a step is a JSON object")]
    [InlineData("""{"with":{}}""", "transform line 1: the step has no \"uses\"")]
    [InlineData("""{"uses":5}""", "transform line 1: \"uses\" must be the name of a SmartModule")]
    [InlineData("""{"uses":"a","uses":"b"}""", "transform line 1: \"uses\" is given twice")]
    [InlineData("""{"uses":"a","with":[]}""", "transform line 1: \"with\" must be an object")]
    [InlineData("""{"uses":"a","with":{"n":5}}""", "transform line 1: the \"with\" value of \"n\" is 5")]
    [InlineData("""{"uses":"a","lookback":{"last":-1}}""", "transform line 1: \"lookback.last\" must be a whole number")]
    [InlineData("""{"uses":"a","lookback":{"last":1.5}}""", "transform line 1: \"lookback.last\" must be a whole number")]
    [InlineData("""{"uses":"a","lookback":{"age":60}}""", "transform line 1: \"lookback.age\" must be a duration string")]
    [InlineData("""{"uses":"a","lookback":{"age":"1x"}}""", "transform line 1: `lookback.age` '1x' is not a duration: unknown time unit \"x\"")]
    public void A_bad_json_line_is_refused_naming_it(string line, string message)
    {
        var e = Assert.Throws<TransformsFormatException>(() => TransformsConfig.FromJsonLines([line]));
        Assert.StartsWith(message, e.Message);
        Assert.Null(e.Line);
    }

    [Fact]
    public void The_second_bad_json_line_is_named_as_the_second() =>
        Assert.StartsWith("transform line 2: ", Assert.Throws<TransformsFormatException>(
            () => TransformsConfig.FromJsonLines(["""{"uses":"a"}""", "{"])).Message);

    [Theory]
    [InlineData("1w", 604_800_000_000_000L)]
    [InlineData("12 s  ", 12_000_000_000L)]
    [InlineData("1h 30m", 5_400_000_000_000L)]
    [InlineData("2h15m", 8_100_000_000_000L)]
    [InlineData("20 min 17 nsec ", 1_200_000_000_017L)]
    [InlineData("1 2s", 12_000_000_000L)]
    [InlineData("0s", 0L)]
    [InlineData("33ns", 33L)]
    [InlineData("17nanos", 17L)]
    [InlineData("78us", 78_000L)]
    [InlineData("3usec", 3_000L)]
    [InlineData("6ms", 6_000_000L)]
    [InlineData("31msec", 31_000_000L)]
    [InlineData("31millis", 31_000_000L)]
    [InlineData("1sec", 1_000_000_000L)]
    [InlineData("1second", 1_000_000_000L)]
    [InlineData("50seconds", 50_000_000_000L)]
    [InlineData("100m", 6_000_000_000_000L)]
    [InlineData("12min", 720_000_000_000L)]
    [InlineData("1minute", 60_000_000_000L)]
    [InlineData("7minutes", 420_000_000_000L)]
    [InlineData("7hr", 25_200_000_000_000L)]
    [InlineData("1hour", 3_600_000_000_000L)]
    [InlineData("24hours", 86_400_000_000_000L)]
    [InlineData("1d", 86_400_000_000_000L)]
    [InlineData("1day", 86_400_000_000_000L)]
    [InlineData("2days", 172_800_000_000_000L)]
    [InlineData("1week", 604_800_000_000_000L)]
    [InlineData("7weeks", 4_233_600_000_000_000L)]
    [InlineData("1M", 2_630_016_000_000_000L)]
    [InlineData("1month", 2_630_016_000_000_000L)]
    [InlineData("3months", 7_890_048_000_000_000L)]
    [InlineData("1y", 31_557_600_000_000_000L)]
    [InlineData("1year", 31_557_600_000_000_000L)]
    [InlineData("7years", 220_903_200_000_000_000L)]
    [InlineData("1500ms", 1_500_000_000L)]
    public void Durations_read_as_humantime_reads_them(string text, long nanoseconds) =>
        Assert.Equal(TimeSpan.FromTicks(nanoseconds / 100), HumanDuration.Parse(text));

    [Fact]
    public void A_duration_past_what_a_TimeSpan_holds_is_its_maximum() =>
        Assert.Equal(TimeSpan.MaxValue, HumanDuration.Parse("1000000y"));

    [Theory]
    [InlineData("", "value was empty")]
    [InlineData("   ", "value was empty")]
    [InlineData("h", "expected number at 0")]
    [InlineData("1h m", "expected number at 3")]
    [InlineData("12", "time unit needed, for example 12sec or 12ms")]
    [InlineData("1.5h", "invalid character at 1")]
    [InlineData("-1s", "expected number at 0")]
    [InlineData("1H", "unknown time unit \"H\"")]
    [InlineData("1fortnight", "unknown time unit \"fortnight\"")]
    [InlineData("100000000000000000000s", "number is too large")]
    [InlineData("100000000000000000us", "number is too large")]
    public void A_bad_duration_says_why_in_humantimes_words(string text, string message) =>
        Assert.StartsWith(message, Assert.Throws<FormatException>(() => HumanDuration.Parse(text)).Message);

    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(100.0, "100.0")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e16")]
    [InlineData(1.234e33, "1.234e33")]
    [InlineData(0.001234, "0.001234")]
    [InlineData(1e-5, "0.00001")]
    [InlineData(1e-6, "1e-6")]
    [InlineData(-2.5e-10, "-2.5e-10")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(123456789.125, "123456789.125")]
    public void Floats_are_written_as_serde_json_writes_them(double value, string text) =>
        Assert.Equal(text, CompactJson.Float(value));
}

/// <summary>A transforms step reaches the native StreamFetch as the CLI's create_smartmodule_list builds it: Predefined(uses), the `with` map as params, the lookback in params.lookback.</summary>
public class TransformsInvocationTests
{
    [Fact]
    public void A_steps_name_parameters_and_lookback_reach_the_native_invocation()
    {
        var steps = TransformsConfig.FromYaml("""
            transforms:
              - uses: infinyon/jolt@0.1.0
                lookback:
                  last: 10
                  age: 1h 30m
                with:
                  spec: [{operation: shift}]
              - uses: plain
            """);
        var invocations = NativeSmartModules.Invocations(steps, version: 21)
            .Select(i => Fluvio.Protocol.Native.SmartModuleInvocation.Decode(new Fluvio.Protocol.Native.WireReader(i.Encoded), 21))
            .ToList();

        Assert.Equal(["infinyon/jolt@0.1.0", "plain"], invocations.Select(i => i.Name));
        Assert.All(invocations, i => Assert.True(i.GzippedWasm.IsEmpty && i.Accumulator is null));
        Assert.Equal(new Fluvio.Protocol.Native.SmartModuleLookback(10, TimeSpan.FromMinutes(90)), invocations[0].Lookback);
        Assert.Equal(new Dictionary<string, string> { ["spec"] = """[{"operation":"shift"}]""" }, invocations[0].Parameters);
        Assert.Null(invocations[1].Lookback);
        Assert.Empty(invocations[1].Parameters);
    }
}
