namespace Fluvio.Protocol.Native;

/// <summary>
/// Framing (wire protocol §1.2): an i32 size, then that many bytes. Fluvio's codec sets no limit;
/// we do, so a declared size is checked before a byte of it is allocated.
/// </summary>
public static class NativeFrame
{
    /// <summary>Largest frame accepted: above the biggest produce request a client sensibly sends.</summary>
    public const int MaxSize = 64 * 1024 * 1024;

    /// <summary>The smallest request: api_key, api_version, correlation_id and an empty client_id.</summary>
    public const int MinRequestSize = 2 + 2 + 4 + 2;

    /// <summary>A whole request frame: size, header, body.</summary>
    public static byte[] Request(RequestHeader header, Action<WireWriter> body)
    {
        var writer = new WireWriter();
        int size = writer.ReserveLength();
        header.Encode(writer);
        body(writer);
        writer.PatchLength(size);
        return writer.ToArray();
    }

    /// <summary>A whole request frame whose body is <paramref name="body"/>, encoded with the header's version.</summary>
    public static byte[] Request<T>(RequestHeader header, T body) where T : IWireCodec<T> =>
        Request(header, w => body.Encode(w, header.ApiVersion));

    /// <summary>
    /// A whole response frame whose body is <paramref name="body"/>, encoded with the request's
    /// version. <paramref name="sizeHint"/>: about how many bytes the frame takes, so that a frame
    /// carrying megabytes of batches is written into one buffer instead of one that doubles
    /// (each doubling a copy into fresh, page-faulting memory).
    /// </summary>
    public static byte[] Response<T>(int correlationId, short version, T body, int sizeHint = 256) where T : IWireCodec<T> =>
        Response(correlationId, w => body.Encode(w, version), sizeHint);

    /// <summary>A whole response frame: size, correlation id, body (§1.4: no other header).</summary>
    public static byte[] Response(int correlationId, Action<WireWriter> body, int sizeHint = 256)
    {
        var writer = new WireWriter(sizeHint);
        int size = writer.ReserveLength();
        writer.I32(correlationId);
        body(writer);
        writer.PatchLength(size);
        return writer.ToArray();
    }
}
