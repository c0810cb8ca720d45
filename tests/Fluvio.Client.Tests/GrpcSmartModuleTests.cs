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
