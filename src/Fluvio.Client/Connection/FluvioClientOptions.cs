namespace Fluvio.Client;

/// <summary>How a <see cref="FluvioClient"/> reaches its broker.</summary>
public sealed record FluvioClientOptions
{
    /// <summary>How long opening a connection may take before the broker counts as unreachable.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Deadline of every admin and offset call.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest gRPC message sent or received.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024 * 1024;

    internal void Validate()
    {
        Require(ConnectTimeout > TimeSpan.Zero, nameof(ConnectTimeout), "must be positive");
        Require(RequestTimeout > TimeSpan.Zero, nameof(RequestTimeout), "must be positive");
        Require(MaxMessageBytes >= 64 * 1024, nameof(MaxMessageBytes), "must be at least 64 KiB");
    }

    internal static void Require(bool condition, string option, string rule)
    {
        if (!condition)
        {
            throw new FluvioException(FluvioErrorCode.InvalidArgument, $"{option} {rule}.");
        }
    }
}
