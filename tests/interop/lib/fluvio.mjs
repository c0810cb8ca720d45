// Thin helpers over the official client's native module, mirroring what its TypeScript wrapper
// (src/index.ts of @fluvio/client) does, plus timeouts so a hang fails a test instead of the run.
import { native, scAddress } from './env.mjs';

const DEFAULT_TIMEOUT_MS = 30_000;

export async function withTimeout(promise, what, ms = DEFAULT_TIMEOUT_MS) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Fluvio.connect('host:port'), as the wrapper does when given host and port. */
export function connect() {
  return withTimeout(native.connect(scAddress), `connect to ${scAddress}`);
}

/** A topic name no other test uses. */
export function uniqueTopic(prefix) {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** admin.createTopic(name, { partitions, replicationFactor: 1, ignoreRackAssignment: false }) as TopicSpec builds it. */
export async function createTopic(admin, name, partitions = 1) {
  return withTimeout(admin.createTopic(name, { partitions, replicationFactor: 1, ignoreRackAssignment: false }), `create ${name}`);
}

/** The wrapper's list calls return JSON text in an ArrayBuffer. */
export function parseList(buffer) {
  return JSON.parse(Buffer.from(buffer).toString('utf8'));
}

/**
 * Reads `count` records of one partition with a partition consumer stream from `offset`
 * (Offset { index, from: 'beginning' }), as plain objects with keys and values as Buffers.
 */
export async function readPartition(fluvio, topic, partition, count, offset = 0) {
  const consumer = await withTimeout(fluvio.partitionConsumer(topic, partition), `consumer ${topic}/${partition}`);
  const stream = await withTimeout(consumer.createStream({ index: offset, from: 'beginning' }), `stream ${topic}/${partition}`);
  const records = [];
  while (records.length < count) {
    const item = await withTimeout(stream.next(), `record ${records.length + 1} of ${count} from ${topic}/${partition}`);
    if (item.done) {
      break;
    }
    const record = item.value;
    records.push({
      key: record.hasKey() ? Buffer.from(record.key()) : null,
      value: Buffer.from(record.value()),
    });
  }
  return records;
}
