namespace Fluvio.Protocol.Native;

/// <summary>
/// The tags of Fluvio's ErrorCode (wire protocol §7) and the shape of each one's payload. An
/// unknown tag fails the whole message in Fluvio's decoder, so every tag is listed here, and a
/// decoder needs each payload's shape to know where it ends.
/// </summary>
public static class ErrorCodes
{
    public const short UnknownServerError = -1;
    public const short None = 0;
    public const short OffsetOutOfRange = 1;
    public const short Other = 2;
    public const short NotLeaderForPartition = 6;
    public const short RequestTimedOut = 7;
    public const short MessageTooLarge = 10;
    public const short PermissionDenied = 13;
    public const short StorageError = 56;
    public const short InvalidCreateRequest = 60;
    public const short InvalidDeleteRequest = 61;
    public const short OffsetEvicted = 71;
    public const short SpuNotFound = 1003;
    public const short TopicError = 2000;
    public const short TopicNotFound = 2001;
    public const short TopicAlreadyExists = 2002;
    public const short TopicInvalidConfiguration = 2004;
    public const short TopicInvalidName = 2006;
    public const short TopicDeleted = 2007;
    public const short PartitionNotLeader = 3001;
    public const short FetchSessionNotFound = 3002;
    public const short OffsetFlushRequestError = 3003;
    public const short OffsetManagementDisabled = 3004;
    public const short SmartModuleError = 6000;
    public const short CompressionError = 9000;

    /// <summary>The fields that follow a tag, in order.</summary>
    internal enum Field : byte
    {
        String,
        OptionalString,
        U8,
        I64,
        U64,
        RecordData,
        OptionalRecordData,
    }

    private static readonly Field[] NoPayload = [];
    private static readonly Field[] OneString = [Field.String];
    private static readonly Field[] TwoStrings = [Field.String, Field.String];

    private static readonly Dictionary<short, (string Name, Field[] Payload)> Known = new()
    {
        [-1] = ("UnknownServerError", NoPayload),
        [0] = ("None", NoPayload),
        [1] = ("OffsetOutOfRange", NoPayload),
        [2] = ("Other", OneString),
        [6] = ("NotLeaderForPartition", NoPayload),
        [7] = ("RequestTimedOut", [Field.U64, Field.U8]),
        [10] = ("MessageTooLarge", NoPayload),
        [13] = ("PermissionDenied", NoPayload),
        [56] = ("StorageError", NoPayload),
        [60] = ("InvalidCreateRequest", NoPayload),
        [61] = ("InvalidDeleteRequest", NoPayload),
        [71] = ("OffsetEvicted", [Field.I64, Field.I64]),
        [1000] = ("SpuError", NoPayload),
        [1001] = ("SpuRegisterationFailed", NoPayload),
        [1002] = ("SpuOffline", NoPayload),
        [1003] = ("SpuNotFound", NoPayload),
        [1004] = ("SpuAlreadyExists", NoPayload),
        [2000] = ("TopicError", NoPayload),
        [2001] = ("TopicNotFound", NoPayload),
        [2002] = ("TopicAlreadyExists", NoPayload),
        [2003] = ("TopicPendingInitialization", NoPayload),
        [2004] = ("TopicInvalidConfiguration", NoPayload),
        [2005] = ("TopicNotProvisioned", NoPayload),
        [2006] = ("TopicInvalidName", NoPayload),
        [2007] = ("TopicDeleted", NoPayload),
        [2008] = ("TopicInvalidReplicaType", NoPayload),
        [3000] = ("PartitionPendingInitialization", NoPayload),
        [3001] = ("PartitionNotLeader", NoPayload),
        [3002] = ("FetchSessionNotFoud", NoPayload),
        [3003] = ("OffsetFlushRequestError", OneString),
        [3004] = ("OffsetManagementDisabled", NoPayload),
        [5000] = ("ManagedConnectorError", NoPayload),
        [5001] = ("ManagedConnectorNotFound", NoPayload),
        [5002] = ("ManagedConnectorAlreadyExists", NoPayload),
        [6000] = ("SmartModuleError", NoPayload),
        [6001] = ("SmartModuleNotFound", OneString),
        [6002] = ("SmartModuleInvalid", [Field.String, Field.OptionalString]),
        [6003] = ("SmartModuleInvalidExports", TwoStrings),
        // SmartModuleTransformRuntimeError: hint, offset, kind, record_key, record_value.
        [6004] = ("SmartModuleRuntimeError", [Field.String, Field.I64, Field.U8, Field.OptionalRecordData, Field.RecordData]),
        [6005] = ("SmartModuleChainInitError", OneString),
        [6006] = ("SmartModuleInitError", OneString),
        [6007] = ("SmartModuleLookBackError", OneString),
        [6008] = ("SmartModuleMemoryLimitExceeded", [Field.U64, Field.U64]),
        [7000] = ("TableFormatError", NoPayload),
        [7001] = ("TableFormatNotFound", NoPayload),
        [7002] = ("TableFormatAlreadyExists", NoPayload),
        [8000] = ("DerivedStreamObjectError", NoPayload),
        [8001] = ("DerivedStreamNotFound", OneString),
        [8002] = ("DerivedStreamJoinFetchError", NoPayload),
        [8003] = ("DerivedStreamInvalid", OneString),
        [9000] = ("CompressionError", NoPayload),
        [10000] = ("DeduplicationSmartModuleNotLoaded", NoPayload),
        [10001] = ("DeduplicationSmartModuleNameInvalid", OneString),
        [11001] = ("MirrorNotFound", NoPayload),
        [11002] = ("MirrorAlreadyExists", NoPayload),
        [11003] = ("MirrorProduceFromHome", NoPayload),
        [11004] = ("MirrorDeleteFromRemote", NoPayload),
        [11005] = ("MirrorInvalidType", NoPayload),
        [12001] = ("SystemSpecDeletionAttempt", TwoStrings),
        [12002] = ("SystemSpecUpdatingAttempt", TwoStrings),
    };

    public static bool IsKnown(short code) => Known.ContainsKey(code);

    /// <summary>Fluvio's variant name, e.g. "TopicNotFound".</summary>
    public static string NameOf(short code) => Known.TryGetValue(code, out var known) ? known.Name : $"Unknown({code})";

    internal static Field[]? PayloadOf(short code) => Known.TryGetValue(code, out var known) ? known.Payload : null;
}
