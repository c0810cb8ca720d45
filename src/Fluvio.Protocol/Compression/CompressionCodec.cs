namespace Fluvio.Protocol.Compression;

/// <summary>The codec in bits 0–2 of a batch's attributes (wire protocol §6.2).</summary>
public enum CompressionCodec : byte
{
    None = 0,
    Gzip = 1,
    Snappy = 2,
    Lz4 = 3,
    Zstd = 4,
}
