using System.Buffers.Binary;
using System.Text;

namespace Fluvio.Protocol.Tests;

/// <summary>A record set found in a frame, with the topic and partition it belongs to.</summary>
internal sealed record FoundRecordSet(string Topic, int Partition, ReadOnlyMemory<byte> Batches);

/// <summary>
/// Just enough of the native protocol to find the record sets in two frames: ProduceRequest
/// (wire protocol §5.2) and StreamFetchResponse (§5.4). Frames include their 4-byte size. Each walk
/// must end exactly at the end of the frame, which checks that every field was read as laid out.
/// </summary>
internal static class FrameWalker
{
    /// <summary>The request header: api_key, api_version, correlation_id (client_id is skipped).</summary>
    public static (short ApiKey, short ApiVersion, int CorrelationId) RequestHeader(byte[] frame)
    {
        var reader = new WireReader(frame);
        reader.Size();
        var header = (reader.I16(), reader.I16(), reader.I32());
        reader.String(); // client_id
        return header;
    }

    public static int ResponseCorrelationId(byte[] frame)
    {
        var reader = new WireReader(frame);
        reader.Size();
        return reader.I32();
    }

    public static List<FoundRecordSet> ProduceRequest(byte[] frame)
    {
        var reader = new WireReader(frame);
        reader.Size();
        reader.I16(); // api_key
        short version = reader.I16();
        reader.I32(); // correlation_id
        reader.String(); // client_id
        if (reader.Flag())
        {
            reader.String(); // transactional_id
        }
        reader.I16(); // isolation (acks)
        reader.I32(); // timeout_ms
        var found = new List<FoundRecordSet>();
        for (int topics = reader.I32(); topics > 0; topics--)
        {
            string topic = reader.String();
            for (int partitions = reader.I32(); partitions > 0; partitions--)
            {
                int partition = reader.I32();
                found.Add(new FoundRecordSet(topic, partition, reader.RecordSet()));
            }
        }
        if (version >= 8 && reader.I32() > 0)
        {
            throw new NotSupportedException("SmartModule invocations are not walked.");
        }
        reader.End();
        return found;
    }

    /// <param name="version">The api_version of the StreamFetchRequest this frame answers.</param>
    public static FoundRecordSet StreamFetchResponse(byte[] frame, short version)
    {
        var reader = new WireReader(frame);
        reader.Size();
        reader.I32(); // correlation_id
        string topic = reader.String();
        reader.I32(); // stream_id
        int partition = reader.I32();
        if (reader.I16() != 0)
        {
            throw new NotSupportedException("Error codes with payloads are not walked.");
        }
        reader.I64(); // high_watermark
        if (version >= 11)
        {
            reader.I64(); // next_filter_offset
        }
        reader.I64(); // log_start_offset
        if (reader.Flag())
        {
            reader.Take(16 * Math.Max(0, reader.I32())); // aborted: (producer_id, first_offset) pairs
        }
        var found = new FoundRecordSet(topic, partition, reader.RecordSet());
        reader.End();
        return found;
    }

    /// <summary>Big-endian reads over one frame, failing loudly on anything out of place.</summary>
    private sealed class WireReader(byte[] bytes)
    {
        private int _position;

        public void Size()
        {
            if (I32() != bytes.Length - 4)
            {
                throw new InvalidDataException("The frame's size prefix does not match its length.");
            }
        }

        public short I16() => BinaryPrimitives.ReadInt16BigEndian(Take(2).Span);

        public int I32() => BinaryPrimitives.ReadInt32BigEndian(Take(4).Span);

        public long I64() => BinaryPrimitives.ReadInt64BigEndian(Take(8).Span);

        public bool Flag() => Take(1).Span[0] switch
        {
            0 => false,
            1 => true,
            var b => throw new InvalidDataException($"Option flag {b} at byte {_position - 1}."),
        };

        /// <summary>u16 length (read as i16, ≤ 0 meaning empty) and UTF-8 bytes.</summary>
        public string String()
        {
            short length = I16();
            return length <= 0 ? "" : Encoding.UTF8.GetString(Take(length).Span);
        }

        /// <summary>§6.1: i32 total length, then the batches.</summary>
        public ReadOnlyMemory<byte> RecordSet() => Take(I32());

        public ReadOnlyMemory<byte> Take(int count)
        {
            if (count < 0 || count > bytes.Length - _position)
            {
                throw new InvalidDataException($"{count} bytes wanted at byte {_position} of a {bytes.Length}-byte frame.");
            }
            var slice = bytes.AsMemory(_position, count);
            _position += count;
            return slice;
        }

        public void End()
        {
            if (_position != bytes.Length)
            {
                throw new InvalidDataException($"The walk ended at byte {_position} of a {bytes.Length}-byte frame.");
            }
        }
    }
}
