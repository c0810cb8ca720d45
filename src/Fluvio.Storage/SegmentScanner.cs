using Fluvio.Protocol.Records;
using Microsoft.Win32.SafeHandles;

namespace Fluvio.Storage;

/// <summary>What a walk over a segment file found.</summary>
/// <param name="ValidEnd">Position after the last good batch.</param>
/// <param name="NextOffset">Offset after the last good batch.</param>
/// <param name="Problem">Why the walk stopped before the end of the file, or null.</param>
internal readonly record struct ScanResult(long ValidEnd, long NextOffset, string? Problem);

/// <summary>
/// Walks the batches of a segment file in order through a read-ahead buffer, checking structure
/// (lengths, magic, dense offsets) and optionally each batch's CRC. Used by recovery only.
/// </summary>
internal sealed class SegmentScanner(SafeFileHandle handle, long length, int chunkSize)
{
    private byte[] _buffer = new byte[(int)Math.Min(chunkSize, Math.Max(length, BatchLayout.Records))];
    private long _bufferStart;
    private int _buffered;

    /// <summary>
    /// Walks from <paramref name="position"/>, where a batch with base offset
    /// <paramref name="expectedOffset"/> must start, to the end of the file, adding index entries.
    /// </summary>
    public ScanResult Walk(long position, long segmentBase, long expectedOffset, bool verifyCrc, SegmentIndex index)
    {
        long next = expectedOffset;
        while (position < length)
        {
            string? problem = Check(position, segmentBase, next, verifyCrc, out var header);
            if (problem is not null)
            {
                return new ScanResult(position, next, problem);
            }
            index.OnBatch((uint)(header.BaseOffset - segmentBase), position);
            next = header.NextOffset;
            position += header.TotalSize;
        }
        return new ScanResult(position, next, null);
    }

    private string? Check(long position, long segmentBase, long expected, bool verifyCrc, out BatchHeader header)
    {
        header = default;
        long remaining = length - position;
        if (remaining < BatchLayout.Records)
        {
            return $"the last {remaining} bytes at position {position} are too few for a batch header";
        }
        BatchHeader.TryRead(Get(position, BatchLayout.Records), out header);
        if (header.BatchLength < BatchLayout.HeaderSize || header.TotalSize > int.MaxValue)
        {
            return $"the batch at position {position} has an impossible batch_len {header.BatchLength}";
        }
        if (header.TotalSize > remaining)
        {
            return $"the batch at position {position} claims {header.TotalSize} bytes but only {remaining} remain (torn write)";
        }
        if (header.BaseOffset != expected)
        {
            return $"the batch at position {position} has base offset {header.BaseOffset} where offset {expected} was expected";
        }
        if (header.Magic != BatchLayout.CurrentMagic || header.LastOffsetDelta < -1)
        {
            return $"the batch at position {position} has a damaged header (magic {header.Magic}, last_offset_delta {header.LastOffsetDelta})";
        }
        if (header.NextOffset - segmentBase > uint.MaxValue)
        {
            return $"the batch at position {position} reaches offset {header.NextOffset}, beyond what one segment can index";
        }
        if (verifyCrc && !RecordBatch.TryValidate(Get(position, (int)header.TotalSize), out _, out string? invalid))
        {
            return $"the batch at position {position} (offset {expected}) is corrupt: {invalid}";
        }
        return null;
    }

    /// <summary>Bytes [position, position + count) of the file, which the caller knows exist.</summary>
    private ReadOnlySpan<byte> Get(long position, int count)
    {
        if (position < _bufferStart || position + count > _bufferStart + _buffered)
        {
            if (count > _buffer.Length)
            {
                _buffer = new byte[count];
            }
            _bufferStart = position;
            _buffered = (int)Math.Min(_buffer.Length, length - position);
            var destination = _buffer.AsSpan(0, _buffered);
            long at = position;
            while (!destination.IsEmpty)
            {
                int read = RandomAccess.Read(handle, destination, at);
                if (read <= 0)
                {
                    throw new IOException($"The segment file ended at {at}, before its expected length {length}.");
                }
                destination = destination[read..];
                at += read;
            }
        }
        return _buffer.AsSpan((int)(position - _bufferStart), count);
    }
}
