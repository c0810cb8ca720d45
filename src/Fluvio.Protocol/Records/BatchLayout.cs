namespace Fluvio.Protocol.Records;

/// <summary>Byte positions of the fields of a Fluvio record batch (wire protocol §6.2; all big-endian).</summary>
public static class BatchLayout
{
    public const int BaseOffset = 0;
    public const int BatchLength = 8;
    public const int PartitionLeaderEpoch = 12;
    public const int Magic = 16;
    public const int Crc = 17;
    public const int Attributes = 21;
    public const int LastOffsetDelta = 23;
    public const int FirstTimestamp = 27;
    public const int MaxTimestamp = 35;
    public const int ProducerId = 43;
    public const int ProducerEpoch = 51;
    public const int FirstSequence = 53;

    /// <summary>Where the records part starts when no schema id is present.</summary>
    public const int Records = 57;

    /// <summary>base_offset and batch_len: the bytes not counted by batch_len.</summary>
    public const int PrefixSize = 12;

    /// <summary>partition_leader_epoch … first_sequence: the fixed part counted by batch_len.</summary>
    public const int HeaderSize = 45;

    public const byte CurrentMagic = 2;

    /// <summary>Attribute bits 0–2 hold the compression codec.</summary>
    public const short CompressionMask = 0x07;

    /// <summary>Attribute bit 4: a u32 schema id follows the header.</summary>
    public const short SchemaIdFlag = 0x10;
}
