using Fluvio.Protocol.Native;

namespace Fluvio.Protocol.Tests.Native;

/// <summary>
/// Every frame of the captures (wire protocol §9, Appendix B) decodes with our native codecs, uses
/// all its bytes, and encodes back to the same bytes: the client's requests (what our server must
/// read) and the responses the client accepted (what our server must be able to write).
/// </summary>
public class CapturedFrameCodecTests
{
    public static TheoryData<int> FrameIndexes() => new(Enumerable.Range(0, CapturedExchange.All.Count));

    [Fact]
    public void The_captures_hold_every_kind_of_exchange_of_the_main_flows()
    {
        var kinds = CapturedExchange.All.Select(e => (e.OnSc, e.ApiKey, e.Frame.FromClient)).ToHashSet();
        foreach (var key in new[] { ScApiKey.ApiVersions, ScApiKey.Watch, ScApiKey.Create, ScApiKey.List, ScApiKey.Delete })
        {
            Assert.Contains((true, (ushort)key, true), kinds);
            Assert.Contains((true, (ushort)key, false), kinds);
        }
        foreach (var key in new[] { SpuApiKey.ApiVersions, SpuApiKey.Produce, SpuApiKey.FetchOffsets, SpuApiKey.StreamFetch, SpuApiKey.UpdateOffsets })
        {
            Assert.Contains((false, (ushort)key, true), kinds);
            Assert.Contains((false, (ushort)key, false), kinds);
        }
    }

    [Theory]
    [MemberData(nameof(FrameIndexes))]
    public void Frame_decodes_and_reencodes_byte_identically(int index)
    {
        var exchange = CapturedExchange.All[index];
        Assert.Equal(Convert.ToHexString(exchange.Frame.Bytes), Convert.ToHexString(NativeRoundTrip.Reencode(exchange)));
    }
}
