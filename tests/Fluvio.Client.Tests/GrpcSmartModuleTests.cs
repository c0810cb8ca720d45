namespace Fluvio.Client.Tests;

/// <summary>A SmartModule as the gRPC door's message: nothing the spec says is left behind.</summary>
public class GrpcSmartModuleTests
{
    private static readonly byte[] Wasm = [0, (byte)'a', (byte)'s', (byte)'m', 1, 0, 0, 0];

    [Fact]
    public void A_lookback_is_sent_with_its_last_and_its_age_in_milliseconds()
    {
        var proto = ProtoConvert.ToProto(SmartModuleSpec.FromWasm(Wasm) with { Lookback = new SmartModuleLookback(7, TimeSpan.FromSeconds(90.5)) });
        Assert.NotNull(proto.Lookback);
        Assert.Equal(7UL, proto.Lookback.Last);
        Assert.True(proto.Lookback.HasAgeMs);
        Assert.Equal(90_500L, proto.Lookback.AgeMs);
    }

    [Fact]
    public void A_lookback_without_an_age_sends_no_age_and_extremes_stay_whole()
    {
        var last = ProtoConvert.ToProto(SmartModuleSpec.Named("m") with { Lookback = new SmartModuleLookback(ulong.MaxValue) });
        Assert.Equal(ulong.MaxValue, last.Lookback.Last);
        Assert.False(last.Lookback.HasAgeMs);

        var years = ProtoConvert.ToProto(SmartModuleSpec.Named("m") with { Lookback = new SmartModuleLookback(0, TimeSpan.MaxValue) });
        Assert.Equal(TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerMillisecond, years.Lookback.AgeMs);
    }

    [Fact]
    public void No_lookback_sends_none() =>
        Assert.Null(ProtoConvert.ToProto(SmartModuleSpec.Named("m")).Lookback);
}

/// <summary>A SmartModule as the native door's invocation: a lookback the negotiated version cannot carry is refused, not dropped.</summary>
public class NativeSmartModuleLookbackTests
{
    [Fact]
    public void A_lookback_goes_on_the_wire_from_version_20_and_its_age_from_21()
    {
        var last = SmartModuleSpec.Named("m") with { Lookback = new SmartModuleLookback(4) };
        var aged = SmartModuleSpec.Named("m") with { Lookback = new SmartModuleLookback(0, TimeSpan.FromMinutes(1)) };
        Assert.Equal(new Protocol.Native.SmartModuleLookback(4, null), Assert.Single(NativeSmartModules.Invocations([last], 20)).Lookback);
        Assert.Equal(new Protocol.Native.SmartModuleLookback(0, TimeSpan.FromMinutes(1)), Assert.Single(NativeSmartModules.Invocations([aged], 21)).Lookback);

        Assert.Equal(FluvioErrorCode.SmartModuleFailed, Assert.Throws<FluvioException>(() => NativeSmartModules.Invocations([last], 19)).Code);
        Assert.Contains("needs version 21", Assert.Throws<FluvioException>(() => NativeSmartModules.Invocations([aged], 20)).Message);
        // Without a lookback an old version is as before.
        Assert.Null(Assert.Single(NativeSmartModules.Invocations([SmartModuleSpec.Named("m")], 19)).Lookback);
    }
}
