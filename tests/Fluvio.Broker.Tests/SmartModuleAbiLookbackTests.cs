using Fluvio.Broker.SmartModules;
using Fluvio.Protocol.Native;

namespace Fluvio.Broker.Tests;

/// <summary>The lookback's bytes across the ABI, against fluvio-smartmodule 0.11.11 input.rs and output.rs written out by hand.</summary>
public sealed class SmartModuleAbiLookbackTests
{
    private static readonly Dictionary<string, string> NoParameters = [];

    [Fact]
    public void InitGetsTheLookbackInItsParams()
    {
        var bytes = SmartModuleAbi.InitInput(NoParameters, new SmartModuleLookback(3, TimeSpan.FromMilliseconds(1500.25)), 23);
        // inner: u16 0; lookback: Some { last: u64 3, age: Some(Duration { secs: 1, nanos: 500_250_000 }) }
        Assert.Equal(Hex("0000" + "01" + "0000000000000003" + "01" + "0000000000000001" + "1DD13590"), Convert.ToHexString(bytes));
        // Before 21 the age is not on the wire, before 20 the lookback is not.
        Assert.Equal(Hex("0000" + "01" + "0000000000000003"), Convert.ToHexString(SmartModuleAbi.InitInput(NoParameters, new SmartModuleLookback(3, TimeSpan.FromSeconds(1)), 20)));
        Assert.Equal(Hex("0000"), Convert.ToHexString(SmartModuleAbi.InitInput(NoParameters, new SmartModuleLookback(3, null), 19)));
        Assert.Equal(Hex("0000" + "00"), Convert.ToHexString(SmartModuleAbi.InitInput(NoParameters, null, 23)));
    }

    [Fact]
    public void LookBackGetsTryFromRecordsDefaults()
    {
        byte[] records = [0, 0, 0, 0];
        // Version 23: base_offset 0, raw_bytes, base_timestamp 0.
        Assert.Equal(Hex("0000000000000000" + "00000004" + "00000000" + "0000000000000000"), Convert.ToHexString(SmartModuleAbi.LookbackInput(records, 23)));
        // Version 21: base_offset 0, raw_bytes, params { inner: 0, lookback: None }, join_record: empty.
        Assert.Equal(Hex("0000000000000000" + "00000004" + "00000000" + "0000" + "00" + "00000000"), Convert.ToHexString(SmartModuleAbi.LookbackInput(records, 21)));
    }

    [Fact]
    public void TheLookBackErrorReadsAsTheSdkWritesIt()
    {
        var writer = new WireWriter();
        writer.String("bad");
        writer.I64(7);
        writer.Bool(true);
        writer.Varint(1);
        writer.Raw("k"u8);
        writer.Varint(2);
        writer.Raw("v!"u8);
        var error = SmartModuleAbi.LookbackOutput(writer.ToArray());
        Assert.Equal("bad", error.Hint);
        Assert.Equal(7, error.Offset);
        Assert.Equal("k"u8.ToArray(), error.Key!.Value.ToArray());
        Assert.Equal("v!"u8.ToArray(), error.Value.ToArray());
    }

    private static string Hex(string hex) => hex.ToUpperInvariant();
}
