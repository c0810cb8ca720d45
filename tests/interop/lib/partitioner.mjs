// Fluvio's key partitioner, written out to predict where each keyed record must land:
// SipHash-2-4 with keys 0/0 over the key's length as 8 little-endian bytes followed by the key,
// modulo the partition count. Checked against tests/vectors/partition-siphash.tsv by the tests.
const MASK = (1n << 64n) - 1n;

function rotl(x, b) {
  return ((x << b) | (x >> (64n - b))) & MASK;
}

function round(v) {
  v[0] = (v[0] + v[1]) & MASK; v[1] = rotl(v[1], 13n); v[1] ^= v[0]; v[0] = rotl(v[0], 32n);
  v[2] = (v[2] + v[3]) & MASK; v[3] = rotl(v[3], 16n); v[3] ^= v[2];
  v[0] = (v[0] + v[3]) & MASK; v[3] = rotl(v[3], 21n); v[3] ^= v[0];
  v[2] = (v[2] + v[1]) & MASK; v[1] = rotl(v[1], 17n); v[1] ^= v[2]; v[2] = rotl(v[2], 32n);
}

export function siphash24(bytes) {
  // Keys k0 = k1 = 0, so the initial state is the constants alone.
  const v = [0x736f6d6570736575n, 0x646f72616e646f6dn, 0x6c7967656e657261n, 0x7465646279746573n];
  const length = bytes.length;
  const whole = length - (length % 8);
  for (let i = 0; i < whole; i += 8) {
    const m = bytes.readBigUInt64LE(i);
    v[3] ^= m;
    round(v); round(v);
    v[0] ^= m;
  }
  let last = BigInt(length & 0xff) << 56n;
  for (let i = whole; i < length; i++) {
    last |= BigInt(bytes[i]) << BigInt(8 * (i - whole));
  }
  v[3] ^= last;
  round(v); round(v);
  v[0] ^= last;
  v[2] ^= 0xffn;
  round(v); round(v); round(v); round(v);
  return (v[0] ^ v[1] ^ v[2] ^ v[3]) & MASK;
}

/** The partition the official client (and ours) sends a record with this key to. */
export function partitionFor(key, partitions) {
  const keyBytes = Buffer.isBuffer(key) ? key : Buffer.from(key, 'utf8');
  const prefixed = Buffer.alloc(8 + keyBytes.length);
  prefixed.writeBigUInt64LE(BigInt(keyBytes.length), 0);
  keyBytes.copy(prefixed, 8);
  return Number(siphash24(prefixed) % BigInt(partitions));
}
