using Fluvio.Protocol.Native;

namespace Fluvio.Protocol.Tests.Native;

/// <summary>
/// A lookback's age is a Rust Duration (u64 seconds, u32 nanoseconds), which reaches far past
/// TimeSpan: decoding one must never throw (the native decoder fuzz found an OverflowException).
/// </summary>
public class SmartModuleLookbackTests
{
    [Theory]
    [InlineData(ulong.MaxValue, 0u)]
    [InlineData(ulong.MaxValue, uint.MaxValue)]
    [InlineData(922_337_203_685UL, 0u)]
    public void An_age_longer_than_a_TimeSpan_holds_is_its_maximum(ulong seconds, uint nanoseconds) =>
        Assert.Equal(TimeSpan.MaxValue, SmartModuleInvocation.ToTimeSpan(seconds, nanoseconds));

    [Fact]
    public void An_ordinary_age_is_exact_to_the_tick()
    {
        Assert.Equal(TimeSpan.FromSeconds(90.5), SmartModuleInvocation.ToTimeSpan(90, 500_000_000));
        Assert.Equal(TimeSpan.Zero, SmartModuleInvocation.ToTimeSpan(0, 99));
        Assert.Equal(TimeSpan.FromTicks(9_999_999), SmartModuleInvocation.ToTimeSpan(0, 999_999_999));
    }
}
