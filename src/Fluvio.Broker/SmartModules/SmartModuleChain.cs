using System.Buffers;
using System.Buffers.Binary;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Native;
using Fluvio.Protocol.Records;
using Wasmtime;

namespace Fluvio.Broker.SmartModules;

/// <summary>
/// What one read through a chain gives: a batch of the records that came out (empty when none
/// did), the offset to read from next, and the failure that ends the stream, if one came.
/// </summary>
internal sealed record ChainOutput(ReadOnlyMemory<byte> Batch, long NextOffset, SmartModuleException? Failure);

/// <summary>
/// The SmartModules of one stream, in one Wasmtime store (its memory limit covers them all): each
/// stored batch goes through every module in turn, the output of one being the input of the
/// next, as fluvio-smartengine's chain does. The records that come out of a read form one batch,
/// built as the SPU builds it (fluvio-spu smartengine/batch.rs): based at the first input batch
/// that gave output, its last offset delta covering every input batch after it.
/// </summary>
/// <remarks>
/// Two choices differ from the SPU at 0.11.11, both on purpose: each output record keeps its own
/// offset (the SPU shifts the deltas of later input batches by the wrong sign), and a read always
/// includes the first batch's output even when it alone exceeds max bytes (the SPU then sends
/// nothing and moves on, dropping those records).
/// </remarks>
internal sealed class SmartModuleChain : IDisposable
{
    private readonly Store _store;
    private readonly List<SmartModuleInstance> _instances;

    private SmartModuleChain(Store store, List<SmartModuleInstance> instances)
    {
        _store = store;
        _instances = instances;
    }

    public IReadOnlyList<SmartModuleInstance> Instances => _instances;

    /// <summary>Instantiates every module in a fresh store and runs each init.</summary>
    public static SmartModuleChain Start(Engine engine, SmartModuleLimits limits, IReadOnlyList<(Module Module, SmartModuleRequest Request, string Name)> modules, short version)
    {
        var store = new Store(engine);
        try
        {
            store.SetLimits(memorySize: limits.MemoryBytesPerStream);
            store.SetWasiConfiguration(new WasiConfiguration());
            var instances = new List<SmartModuleInstance>(modules.Count);
            foreach (var (module, request, name) in modules)
            {
                instances.Add(SmartModuleInstance.Start(engine, store, limits, module, request, name, version));
            }
            return new SmartModuleChain(store, instances);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Each module that exports look_back and was given a lookback reads its records out of the
    /// partition, in chain order, before any batch goes through the chain (fluvio-smartengine
    /// engine.rs look_back: the stored records, not an earlier module's output). The first
    /// failure ends it as a <see cref="SmartModuleFaultKind.LookBack"/> fault.
    /// </summary>
    public IReadOnlyList<LookbackRead> LookBack(Fluvio.Storage.PartitionLog log, SmartModuleLimits limits)
    {
        var reads = new List<LookbackRead>();
        foreach (var instance in _instances)
        {
            if (instance.Lookback is { } lookback)
            {
                reads.Add(SmartModuleLookbackReader.Feed(log, lookback, limits, instance));
            }
        }
        LookbackReads = reads;
        return reads;
    }

    /// <summary>What each module's lookback read, in chain order (empty when none was asked for).</summary>
    public IReadOnlyList<LookbackRead> LookbackReads { get; private set; } = [];

    /// <summary>Runs the stored batches through the chain; stops early at max bytes of output or at a failure.</summary>
    public ChainOutput Process(ReadOnlyMemory<byte> batches, int maxBytes)
    {
        var output = new List<AbiRecord>();
        long outBase = -1;
        long next = RecordBatch.NextOffset(batches.Span);
        int lastOffsetDelta = -1;
        int totalBytes = 0;
        var codec = CompressionCodec.None;
        foreach (var batch in RecordBatch.Split(batches))
        {
            if (!BatchHeader.TryRead(batch.Span, out var header))
            {
                break;
            }
            List<AbiRecord> records;
            SmartModuleException? failure = null;
            try
            {
                records = Run(RecordsPart(batch, header), header.BaseOffset, header.FirstTimestamp, out failure);
            }
            catch (SmartModuleException e)
            {
                return new ChainOutput(Build(output, outBase, lastOffsetDelta, codec), outBase >= 0 ? outBase + lastOffsetDelta + 1 : header.BaseOffset, e);
            }
            if (records.Count > 0)
            {
                if (outBase < 0)
                {
                    outBase = header.BaseOffset;
                    codec = header.Compression;
                }
                int bytes = records.Sum(r => SmartModuleAbi.RecordSize(r));
                if (totalBytes > 0 && totalBytes + bytes > maxBytes)
                {
                    // This batch is read again next time, from its base offset.
                    return new ChainOutput(Build(output, outBase, lastOffsetDelta, codec), header.BaseOffset, null);
                }
                totalBytes += bytes;
                long shift = header.BaseOffset - outBase;
                output.AddRange(records.Select(r => r with { OffsetDelta = r.OffsetDelta + shift }));
            }
            if (failure is not null)
            {
                // The batch ends at the last record that passed, not past the one that failed:
                // a reader must not take the failed records as read.
                int passed = output.Count == 0 ? -1 : (int)output.Max(r => r.OffsetDelta);
                return new ChainOutput(Build(output, outBase, passed, codec), header.NextOffset, failure);
            }
            if (outBase >= 0)
            {
                lastOffsetDelta = (int)(header.NextOffset - 1 - outBase);
            }
        }
        return new ChainOutput(Build(output, outBase, lastOffsetDelta, codec), next, null);
    }

    /// <summary>One batch through every module; an error record a module returns ends the chain there, keeping what it let through.</summary>
    private List<AbiRecord> Run(ReadOnlyMemory<byte> records, long baseOffset, long baseTimestamp, out SmartModuleException? failure)
    {
        failure = null;
        var input = records;
        List<AbiRecord> successes = [];
        foreach (var instance in _instances)
        {
            (successes, var error) = instance.Process(input.Span, baseOffset, baseTimestamp);
            if (error is not null)
            {
                failure = new SmartModuleException(SmartModuleFaultKind.Runtime,
                    $"{SmartModuleInstance.Sentence(instance.Name)} failed on the record at offset {error.Offset}: {error.Hint}")
                {
                    ModuleName = instance.Name,
                    Record = error,
                };
                return successes;
            }
            input = SmartModuleAbi.Records(successes);
        }
        return successes;
    }

    /// <summary>The records part (i32 count, then records), decompressed.</summary>
    internal static ReadOnlyMemory<byte> RecordsPart(ReadOnlyMemory<byte> batch, BatchHeader header)
    {
        var part = batch[header.RecordsStart..(int)header.TotalSize];
        return header.Compression == CompressionCodec.None ? part : BatchCompression.Decompress(header.Compression, part.Span);
    }

    /// <summary>
    /// The output batch: its header as the SPU's Batch::default() leaves it (no timestamps,
    /// producer -1), compressed with the codec of the batch it is based at.
    /// </summary>
    private static ReadOnlyMemory<byte> Build(List<AbiRecord> records, long baseOffset, int lastOffsetDelta, CompressionCodec codec)
    {
        if (records.Count == 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }
        var part = new WireWriter(records.Sum(r => SmartModuleAbi.RecordSize(r)) + 4);
        part.Count(records.Count);
        foreach (var record in records)
        {
            SmartModuleAbi.WriteRecord(part, record);
        }
        var batch = new ArrayBufferWriter<byte>(BatchLayout.Records + part.Length + 64);
        batch.Advance(BatchLayout.Records);
        if (codec == CompressionCodec.None)
        {
            batch.Write(part.WrittenMemory.Span);
        }
        else
        {
            BatchCompression.Compress(codec, part.WrittenMemory.Span, batch);
        }
        var bytes = batch.WrittenMemory.ToArray();
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt64BigEndian(span[BatchLayout.BaseOffset..], baseOffset);
        BinaryPrimitives.WriteInt32BigEndian(span[BatchLayout.BatchLength..], bytes.Length - BatchLayout.PrefixSize);
        BinaryPrimitives.WriteInt32BigEndian(span[BatchLayout.PartitionLeaderEpoch..], -1);
        span[BatchLayout.Magic] = BatchLayout.CurrentMagic;
        BinaryPrimitives.WriteInt16BigEndian(span[BatchLayout.Attributes..], (short)codec);
        BinaryPrimitives.WriteInt32BigEndian(span[BatchLayout.LastOffsetDelta..], lastOffsetDelta);
        BinaryPrimitives.WriteInt64BigEndian(span[BatchLayout.FirstTimestamp..], RecordBatch.NoTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(span[BatchLayout.MaxTimestamp..], RecordBatch.NoTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(span[BatchLayout.ProducerId..], -1);
        BinaryPrimitives.WriteInt16BigEndian(span[BatchLayout.ProducerEpoch..], -1);
        BinaryPrimitives.WriteInt32BigEndian(span[BatchLayout.FirstSequence..], -1);
        BinaryPrimitives.WriteUInt32BigEndian(span[BatchLayout.Crc..], BatchCrc.Compute(span));
        return bytes;
    }

    public void Dispose() => _store.Dispose();
}
