using Fluvio.Broker.SmartModules;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;

namespace Fluvio.Broker.Tests;

/// <summary>Runs only where FLUVIO_SMARTMODULE_FIXTURE names Fluvio's own compiled fixture (not shipped here: it is Fluvio's binary).</summary>
public sealed class FluvioFixtureFactAttribute : FactAttribute
{
    public const string Variable = "FLUVIO_SMARTMODULE_FIXTURE";

    public FluvioFixtureFactAttribute()
    {
        if (!File.Exists(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"{Variable} does not name crates/fluvio-smartmodule/fixtures/smartmodule.wasm of infinyon/fluvio at v0.11.11";
        }
    }
}

/// <summary>
/// The engine against a SmartModule nobody here wrote: Fluvio's fixture
/// crates/fluvio-smartmodule/fixtures/smartmodule.wasm, built by Fluvio in 2022 with its Rust SDK
/// from its SmartModule template (smartmodule/cargo_template with parameters): init refuses to
/// start without the parameter "key", filter keeps the values containing 'a'. That SDK predates SmartModuleInput's timestamps, so it reads params and
/// join_record at every version and knows no lookback: it decodes the input of versions 16 to 19
/// only, which is what the engine writes there; at 23 it answers -11, as it would under the SPU.
/// </summary>
public sealed class FluvioFixtureSmartModuleTests
{
    private static byte[] Fixture => File.ReadAllBytes(Environment.GetEnvironmentVariable(FluvioFixtureFactAttribute.Variable)!);

    [FluvioFixtureFact]
    public void FluvioCompiledFilterKeepsTheValuesWithAnA()
    {
        using var engine = new SmartModuleEngine(new SmartModuleLimits(), new SmartModuleStore(null));
        using var chain = engine.Start([new SmartModuleRequest(null, Fixture, null, new Dictionary<string, string> { ["key"] = "an" })], version: 19);
        var output = chain.Process(Batch("apple", "plum", "banana", "kiwi", "mango"), int.MaxValue);
        Assert.Null(output.Failure);
        Assert.Equal(["apple@0", "banana@2", "mango@4"], RecordBatch.ReadRecords(output.Batch).Select(r => $"{Records.Text(r.Value)}@{r.Offset}"));
        Assert.Equal(5, output.NextOffset);
    }

    [FluvioFixtureFact]
    public void FluvioCompiledInitRefusesAMissingParameterWithItsOwnHint()
    {
        using var engine = new SmartModuleEngine(new SmartModuleLimits(), new SmartModuleStore(null));
        var e = Assert.Throws<SmartModuleException>(() => engine.Start([new SmartModuleRequest(null, Fixture, null, new Dictionary<string, string>())], version: 23));
        Assert.Equal(SmartModuleFaultKind.Init, e.Kind);
        Assert.Contains("Missing param key", e.Message);
    }

    [FluvioFixtureFact]
    public void AtTheCurrentVersionThe2022SdkCannotDecodeItsInput()
    {
        using var engine = new SmartModuleEngine(new SmartModuleLimits(), new SmartModuleStore(null));
        using var chain = engine.Start([new SmartModuleRequest(null, Fixture, null, new Dictionary<string, string> { ["key"] = "an" })], version: 23);
        var output = chain.Process(Batch("banana"), int.MaxValue);
        Assert.Contains("error status -11 (failed to decode SmartModule base input)", output.Failure?.Message);
    }

    private static ReadOnlyMemory<byte> Batch(params string[] values)
    {
        var builder = new RecordBatchBuilder(CompressionCodec.None, 1_700_000_000_000);
        foreach (var value in values)
        {
            builder.Append(Records.Utf8("k"), Records.Utf8(value), 1_700_000_000_000);
        }
        return builder.Build();
    }
}
