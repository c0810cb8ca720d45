using System.Text.Json;
using Fluvio;
using Fluvio.Client;

// fluvio-interop-peer: what our C# client does, over gRPC (http://) or the native protocol
// (fluvio://host:port), for the Node interop tests to compare
// with what the official client does over the native protocol. Prints one JSON document.
//
//   create  <uri> <topic> <partitions> [any|none|gzip|snappy|lz4|zstd]
//   produce <uri> <topic> <count> <seed>     keyed records (and every 10th keyless), binary
//   consume <uri> <topic>                     every record, from the beginning to the end now
//   add-partitions <uri> <topic> <count>      Fluvio's add-partition (native: the SC's Update)
//   wasm <uri> <module> <path>                writes a test SmartModule (TestSmartModules.<module>) as .wasm

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: create|produce|consume <uri> <topic> ...");
    return 2;
}
if (args[0] == "wasm")
{
    // Needs no broker: writes one of the test SmartModules (compiled from its WebAssembly text) to a file.
    var text = (string)typeof(Fluvio.Testing.SmartModules.TestSmartModules).GetProperty(args[2])!.GetValue(null)!;
    File.WriteAllBytes(args[3], Fluvio.Testing.SmartModules.TestSmartModules.Wasm(text));
    Console.WriteLine(JsonSerializer.Serialize(new { path = args[3] }));
    return 0;
}
await using var client = await FluvioClient.ConnectAsync(new Uri(args[1]));
string topic = args[2];
object result = args[0] switch
{
    "create" => await CreateAsync(client, topic, int.Parse(args[3]), args.Length > 4 ? args[4] : "any"),
    "produce" => await ProduceAsync(client, topic, int.Parse(args[3]), int.Parse(args[4])),
    "consume" => await ConsumeAsync(client, topic),
    "add-partitions" => await AddPartitionsAsync(client, topic, int.Parse(args[3])),
    _ => throw new ArgumentException($"Unknown command '{args[0]}'."),
};
Console.WriteLine(JsonSerializer.Serialize(result));
return 0;

static async Task<object> CreateAsync(FluvioClient client, string topic, int partitions, string compression)
{
    var created = await client.CreateTopicAsync(new TopicSpec(topic)
    {
        Partitions = partitions,
        Compression = Enum.Parse<TopicCompression>(compression, ignoreCase: true),
    });
    return new { name = created.Name, partitions = created.Partitions };
}

static async Task<object> AddPartitionsAsync(FluvioClient client, string topic, int count)
{
    var grown = await client.AddPartitionsAsync(topic, count);
    return new { name = grown.Name, partitions = grown.Partitions };
}

static async Task<object> ProduceAsync(FluvioClient client, string topic, int count, int seed)
{
    var random = new Random(seed);
    await using var producer = await client.CreateProducerAsync(topic);
    var sent = new List<(byte[]? Key, byte[] Value, ProduceFuture Future)>();
    for (int i = 0; i < count; i++)
    {
        // Arbitrary bytes, not text: the official client must hand back exactly these.
        byte[]? key = i % 10 == 9 ? null : Bytes(random, 1 + random.Next(24));
        byte[] value = Bytes(random, random.Next(200));
        sent.Add((key, value, producer.Send(key, value, partition: null)));
    }
    await producer.FlushAsync();
    return sent.Select(s => Describe(s.Future.Result.Partition, s.Future.Result.Offset, s.Key, s.Value)).ToList();
}

static async Task<object> ConsumeAsync(FluvioClient client, string topic)
{
    var records = new List<object>();
    await foreach (var record in client.ConsumeAsync(topic, new ConsumerOptions()))
    {
        records.Add(Describe(record.Partition, record.Offset, record.HasKey ? record.Key.ToArray() : null, record.Value.ToArray()));
    }
    return records;
}

static byte[] Bytes(Random random, int length)
{
    var bytes = new byte[length];
    random.NextBytes(bytes);
    return bytes;
}

static object Describe(int partition, long offset, byte[]? key, byte[] value) => new
{
    partition,
    offset,
    key = key is null ? null : Convert.ToBase64String(key),
    value = Convert.ToBase64String(value),
};
