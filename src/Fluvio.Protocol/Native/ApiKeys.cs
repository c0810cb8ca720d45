namespace Fluvio.Protocol.Native;

/// <summary>Request kinds of the SC public API (wire protocol §4.1).</summary>
public enum ScApiKey : ushort
{
    ApiVersions = 18,
    Create = 1001,
    Delete = 1002,
    List = 1003,
    Watch = 1004,
    Mirroring = 1005,
    Update = 1006,
}

/// <summary>Request kinds of the SPU public API (wire protocol §5.1).</summary>
public enum SpuApiKey : ushort
{
    Produce = 0,
    Fetch = 1,
    ApiVersions = 18,
    FetchOffsets = 1002,
    StreamFetch = 1003,
    UpdateOffsets = 1005,
    UpdateConsumerOffset = 1006,
    DeleteConsumerOffset = 1007,
    FetchConsumerOffsets = 1008,
    StartMirror = 2000,
}
