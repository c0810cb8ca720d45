using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Fluvio.Client;

/// <summary>
/// SipHash-2-4 (Aumasson and Bernstein, 2012) with a 64-bit output. <see cref="HashKey"/> is the
/// hash Rust computes for <c>key.hash(&amp;mut SipHasher::new())</c> on a <c>&amp;[u8]</c>:
/// keys 0/0 over the length as a little-endian u64, then the bytes.
/// </summary>
internal static class SipHash24
{
    /// <summary>SipHash-2-4 with keys 0/0 over <c>u64_le(key.Length) ‖ key</c>.</summary>
    public static ulong HashKey(ReadOnlySpan<byte> key) => Hash(0, 0, (ulong)key.Length, key);

    /// <summary>Plain SipHash-2-4 of <paramref name="message"/>.</summary>
    public static ulong Hash(ulong k0, ulong k1, ReadOnlySpan<byte> message) => Hash(k0, k1, null, message);

    // The optional prefix is exactly one 8-byte block, so it is absorbed as the first word.
    private static ulong Hash(ulong k0, ulong k1, ulong? prefix, ReadOnlySpan<byte> message)
    {
        var s = new State(k0, k1);
        int total = message.Length;
        if (prefix is { } word)
        {
            s.Absorb(word);
            total += sizeof(ulong);
        }
        int whole = message.Length & ~7;
        for (int i = 0; i < whole; i += 8)
        {
            s.Absorb(BinaryPrimitives.ReadUInt64LittleEndian(message[i..]));
        }
        ulong last = (ulong)(byte)total << 56;
        var tail = message[whole..];
        for (int i = 0; i < tail.Length; i++)
        {
            last |= (ulong)tail[i] << (8 * i);
        }
        s.Absorb(last);
        return s.Finish();
    }

    private struct State
    {
        private ulong _v0, _v1, _v2, _v3;

        public State(ulong k0, ulong k1)
        {
            _v0 = k0 ^ 0x736f6d6570736575UL;
            _v1 = k1 ^ 0x646f72616e646f6dUL;
            _v2 = k0 ^ 0x6c7967656e657261UL;
            _v3 = k1 ^ 0x7465646279746573UL;
        }

        public void Absorb(ulong m)
        {
            _v3 ^= m;
            Round();
            Round();
            _v0 ^= m;
        }

        public ulong Finish()
        {
            _v2 ^= 0xff;
            Round();
            Round();
            Round();
            Round();
            return _v0 ^ _v1 ^ _v2 ^ _v3;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Round()
        {
            _v0 += _v1; _v1 = BitOperations.RotateLeft(_v1, 13); _v1 ^= _v0; _v0 = BitOperations.RotateLeft(_v0, 32);
            _v2 += _v3; _v3 = BitOperations.RotateLeft(_v3, 16); _v3 ^= _v2;
            _v0 += _v3; _v3 = BitOperations.RotateLeft(_v3, 21); _v3 ^= _v0;
            _v2 += _v1; _v1 = BitOperations.RotateLeft(_v1, 17); _v1 ^= _v2; _v2 = BitOperations.RotateLeft(_v2, 32);
        }
    }
}
