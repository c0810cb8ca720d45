// Case 4: the official Fluvio client (@fluvio/client 0.14.9, its compiled Rust core) producing
// to our broker's native SC/SPU ports as an application would: sendAll in batches, then flush.
//   node produce.mjs <index.node> <sc host:port> <topic> <records> <value bytes> <batch>
// Prints one JSON line: {"records":…,"bytes":…,"seconds":…}.
// The records are the ones the harness sends with our client (SameRecords.cs): key = the
// record's index in decimal, value = <value bytes> bytes of 'x'.
import { createRequire } from 'node:module';

const [modulePath, scAddress, topic, recordsArg, valueArg, batchArg] = process.argv.slice(2);
const records = Number(recordsArg);
const valueBytes = Number(valueArg);
const batch = Number(batchArg);

// Loaded as tests/interop loads it: the package's native module itself (its TypeScript wrapper
// only forwards to it, and finds it relative to the working directory).
const native = createRequire(import.meta.url)(modulePath);
const fluvio = await native.connect(scAddress);
const producer = await fluvio.topicProducer(topic);

// The arrays are built before the clock starts: the case times the client, not JavaScript
// making records. Every record shares one value Buffer (the client copies what it sends).
const value = Buffer.alloc(valueBytes, 'x');
const batches = [];
for (let start = 0; start < records; start += batch) {
  const end = Math.min(records, start + batch);
  const items = new Array(end - start);
  for (let i = start; i < end; i++) {
    items[i - start] = [String(i), value];
  }
  batches.push(items);
}

const started = process.hrtime.bigint();
for (const items of batches) {
  await producer.sendAll(items);
}
await producer.flush();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

console.log(JSON.stringify({ records, bytes: records * valueBytes, seconds }));
// The native module keeps its runtime's threads alive; end once the figure is out.
process.exit(0);
