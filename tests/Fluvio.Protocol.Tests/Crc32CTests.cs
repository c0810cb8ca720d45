using System.IO.Hashing;
using Fluvio.Protocol.Records;

namespace Fluvio.Protocol.Tests;

/// <summary>
/// The processor-instruction CRC-32C against the catalogue's check value and against
/// System.IO.Hashing's reference implementation, at every length around the 8-byte stride.
/// </summary>
public class Crc32CTests
{
    [Fact]
    public void The_check_value_of_123456789_is_the_catalogues()
    {
        // CRC-32C's standard check value (the CRC catalogue's "check" for CRC-32/ISCSI).
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
    }

    [Fact]
    public void Every_length_and_alignment_agrees_with_the_reference_implementation()
    {
        var random = new Random(20261206);
        var data = new byte[4096 + 16];
        random.NextBytes(data);
        foreach (int start in new[] { 0, 1, 3, 7 })
        {
            for (int length = 0; length <= 257; length++)
            {
                var slice = data.AsSpan(start, length);
                Assert.Equal(Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, slice), Crc32C.Compute(slice));
            }
            var large = data.AsSpan(start, 4096);
            Assert.Equal(Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, large), Crc32C.Compute(large));
        }
    }
}
