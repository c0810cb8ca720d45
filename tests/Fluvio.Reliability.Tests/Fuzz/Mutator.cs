using System.Buffers.Binary;
using Fluvio.Protocol.Records;

namespace Fluvio.Reliability.Tests.Fuzz;

/// <summary>
/// Makes fuzz inputs from seeds: bit flips, boundary values in fields, cuts, insertions,
/// splices, pure noise. For record batches it can also repair the CRC (and batch_len) after
/// mutating, so an input gets past validation into the record and codec decoders.
/// </summary>
internal sealed class Mutator(Random random, IReadOnlyList<byte[]> seeds)
{
    private static readonly int[] Interesting = [0, 1, -1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0xffff, int.MaxValue, int.MinValue, 1 << 20, 64 << 20];

    public byte[] Next()
    {
        if (random.Next(20) == 0)
        {
            return Noise(random.Next(0, 512));
        }
        byte[] input = (byte[])seeds[random.Next(seeds.Count)].Clone();
        int rounds = 1 + random.Next(4);
        for (int i = 0; i < rounds; i++)
        {
            input = MutateOnce(input);
        }
        return input;
    }

    /// <summary>A mutated batch with a correct CRC and batch_len, so it passes validation.</summary>
    public byte[] NextValidFraming()
    {
        byte[] input = Next();
        if (input.Length >= BatchLayout.Records)
        {
            BinaryPrimitives.WriteInt32BigEndian(input.AsSpan(BatchLayout.BatchLength), input.Length - BatchLayout.PrefixSize);
            input[BatchLayout.Magic] = BatchLayout.CurrentMagic;
            BinaryPrimitives.WriteUInt32BigEndian(input.AsSpan(BatchLayout.Crc), BatchCrc.Compute(input));
        }
        return input;
    }

    private byte[] MutateOnce(byte[] input)
    {
        if (input.Length == 0)
        {
            return Noise(random.Next(1, 64));
        }
        switch (random.Next(8))
        {
            case 0:
                input[random.Next(input.Length)] ^= (byte)(1 << random.Next(8));
                return input;
            case 1:
                input[random.Next(input.Length)] = (byte)Interesting[random.Next(Interesting.Length)];
                return input;
            case 2:
                if (input.Length >= 4)
                {
                    BinaryPrimitives.WriteInt32BigEndian(input.AsSpan(random.Next(input.Length - 3)), Interesting[random.Next(Interesting.Length)]);
                }
                return input;
            case 3:
                return input[..random.Next(input.Length)];
            case 4:
                return [.. input, .. Noise(random.Next(1, 128))];
            case 5:
                int at = random.Next(input.Length);
                return [.. input[..at], .. Noise(random.Next(1, 32)), .. input[at..]];
            case 6:
                int from = random.Next(input.Length);
                int to = Math.Min(input.Length, from + random.Next(1, 64));
                return [.. input[..from], .. input[to..]];
            default:
                byte[] other = seeds[random.Next(seeds.Count)];
                int cut = random.Next(input.Length);
                return [.. input[..cut], .. other[random.Next(other.Length)..]];
        }
    }

    private byte[] Noise(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
