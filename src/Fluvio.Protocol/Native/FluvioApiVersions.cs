namespace Fluvio.Protocol.Native;

/// <summary>
/// What Fluvio 0.11.11's servers advertise in ApiVersions (wire protocol §3.3, §3.4). A server
/// that says the same gets the request layouts the official clients use against a real cluster.
/// </summary>
public static class FluvioApiVersions
{
    /// <summary>The SC's platform version; clients require semver ≥ 0.9.0.</summary>
    public const string ScPlatformVersion = "0.11.11";

    /// <summary>The SPU leaves the default; clients do not check it.</summary>
    public const string SpuPlatformVersion = "0.0.0";

    /// <summary>The object API version the current client uses (Fluvio's COMMON_VERSION on the SC).</summary>
    public const short ScCurrentVersion = 16;

    /// <summary>The SPU API version the current client uses (COMMON_VERSION on the SPU).</summary>
    public const short SpuCurrentVersion = 23;

    /// <summary>The real SC does not list ApiVersions itself.</summary>
    public static IReadOnlyList<ApiVersionKey> Sc { get; } =
    [
        new((short)ScApiKey.Create, 9, 16),
        new((short)ScApiKey.Delete, 1, 16),
        new((short)ScApiKey.List, 15, 16),
        new((short)ScApiKey.Watch, 15, 16),
        new((short)ScApiKey.Mirroring, 14, 16),
        new((short)ScApiKey.Update, 1, 16),
    ];

    /// <summary>The consumer-offset keys (1006–1008) are not listed; clients then use their default, 23.</summary>
    public static IReadOnlyList<ApiVersionKey> Spu { get; } =
    [
        new((short)SpuApiKey.Produce, 0, 23),
        new((short)SpuApiKey.Fetch, 0, 23),
        new((short)SpuApiKey.FetchOffsets, 23, 23),
        new((short)SpuApiKey.StreamFetch, 0, 23),
        new((short)SpuApiKey.UpdateOffsets, 0, 0),
    ];
}
