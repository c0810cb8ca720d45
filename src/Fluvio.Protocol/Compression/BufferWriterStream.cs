using System.Buffers;

namespace Fluvio.Protocol.Compression;

/// <summary>A write-only stream that appends to an <see cref="IBufferWriter{T}"/>, so stream-based codecs write straight into a batch buffer.</summary>
internal sealed class BufferWriterStream(IBufferWriter<byte> writer) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(ReadOnlySpan<byte> buffer) => writer.Write(buffer);
    public override void Write(byte[] buffer, int offset, int count) => writer.Write(buffer.AsSpan(offset, count));
    public override void WriteByte(byte value) => writer.Write([value]);
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
