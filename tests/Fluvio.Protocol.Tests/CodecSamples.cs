using System.Text;

namespace Fluvio.Protocol.Tests;

/// <summary>
/// Deterministic inputs for the codec tests. The files in Fixtures/fluvio-codecs hold these inputs
/// compressed by Fluvio's own codec crates (see the README there), so the bytes here must never change.
/// </summary>
internal static class CodecSamples
{
    /// <summary>
    /// Each sample reaches a different branch of the encoders: a real records part (§9.6) and noise are
    /// stored uncompressed by snap and lz4_flex; 100 kB and 300 kB of text make lz4_flex pick 256 KiB and
    /// 4 MiB blocks and make snap write several chunks.
    /// </summary>
    public static readonly string[] Names = ["records", "noise", "text100k", "text300k"];

    public static byte[] Create(string name) => name switch
    {
        "records" => Convert.FromHexString("0000000130000000010a6b65792d311868656c6c6f20666c7576696f00"),
        "noise" => Noise(2000, seed: 0x2545F491),
        "text100k" => Text(100_000),
        "text300k" => Text(300_000),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such sample."),
    };

    /// <summary>Repetitive, compressible text, like the values of a typical log topic.</summary>
    public static byte[] Text(int size)
    {
        var text = new StringBuilder(size + 64);
        for (int i = 0; text.Length < size; i++)
        {
            text.Append("key-").Append(i % 5).Append("=value ").Append(i % 10).Append(" of the sample\n");
        }
        return Encoding.ASCII.GetBytes(text.ToString(0, size));
    }

    /// <summary>Incompressible bytes from xorshift32, so no runtime's Random implementation is involved.</summary>
    public static byte[] Noise(int size, uint seed)
    {
        var bytes = new byte[size];
        uint state = seed;
        for (int i = 0; i < size; i++)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            bytes[i] = (byte)state;
        }
        return bytes;
    }
}
