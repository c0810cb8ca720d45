// Case 8: the official Fluvio client (@fluvio/client 0.14.9, its compiled Rust core) reading a
// topic's partition 0 from the beginning through our broker's native SC/SPU ports, as an
// application would, with either of the client's two streaming APIs:
//   iterator  partitionConsumer(...).createStream, one awaited next() per record (the documented one)
//   callback  partitionConsumer(...).stream(offset, callback), one call per record
//   node consume.mjs <index.node> <sc host:port> <topic> <records> <value bytes> <iterator|callback>
// Prints one JSON line: {"records":…,"bytes":…,"seconds":…}. Every record is checked (the
// client's records carry no offset; each value must have the length the harness wrote), and
// the harness checks the count against what the topic holds.
import { createRequire } from 'node:module';

const [modulePath, scAddress, topic, recordsArg, valueArg, api] = process.argv.slice(2);
const records = Number(recordsArg);
const valueBytes = Number(valueArg);

const native = createRequire(import.meta.url)(modulePath);
const fluvio = await native.connect(scAddress);

let bytes = 0;
function check(record, index) {
  const length = record.value().byteLength;
  if (length !== valueBytes) {
    throw new Error(`Record ${index} has ${length} bytes of value; the harness wrote ${valueBytes}.`);
  }
  bytes += length;
}

async function readByIterator(consumer) {
  const stream = await consumer.createStream({ index: 0, from: 'beginning' });
  for (let index = 0; index < records; index++) {
    const item = await stream.next();
    if (item.done) {
      throw new Error(`The stream ended after ${index} of ${records} records.`);
    }
    check(item.value, index);
  }
}

function readByCallback(consumer) {
  return new Promise((resolve, reject) => {
    let index = 0;
    consumer.stream({ index: 0, from: 'beginning' }, (record) => {
      try {
        if (index < records) {
          check(record, index++);
          if (index === records) {
            resolve();
          }
        }
      } catch (e) {
        reject(e);
      }
    }).catch(reject);
  });
}

// The clock covers opening the stream and reading: what a reader waits for after connecting.
const started = process.hrtime.bigint();
const consumer = await fluvio.partitionConsumer(topic, 0);
if (api === 'callback') {
  await readByCallback(consumer);
} else {
  await readByIterator(consumer);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

console.log(JSON.stringify({ records, bytes, seconds }));
// The stream stays open (it is continuous) and the runtime's threads keep the process alive.
process.exit(0);
