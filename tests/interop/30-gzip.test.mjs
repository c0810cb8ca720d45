// A gzip topic: the official producer compresses because the topic says so, our SPU stores the
// compressed batches as sent, and both clients read the records back.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { connect, readPartition, uniqueTopic, withTimeout } from './lib/fluvio.mjs';
import { dataDir } from './lib/env.mjs';
import { peer } from './lib/peer.mjs';

let fluvio;

before(async () => {
  fluvio = await connect();
});

/** The compression codec (attributes bits 0-2) of every batch stored in a partition's segments. */
function storedCodecs(topic, partition) {
  const folder = path.join(dataDir, 'topics', topic, String(partition));
  const codecs = [];
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.log')).sort()) {
    const log = readFileSync(path.join(folder, file));
    for (let at = 0; at + 57 <= log.length; at += 12 + log.readInt32BE(at + 8)) {
      codecs.push(log.readInt16BE(at + 21) & 0x07);
    }
  }
  return codecs;
}

test('records sent to a gzip topic are stored gzip-compressed, as sent, and read back by both clients', async () => {
  const topic = uniqueTopic('gz');
  // Created through the gRPC door: the Node wrapper has no compression setting for topics.
  await peer('create', topic, 1, 'gzip');

  const producer = await withTimeout(fluvio.topicProducer(topic), `producer ${topic}`);
  const records = Array.from({ length: 50 }, (_, i) => [`key-${i}`, `hello fluvio ${i} `.repeat(20)]);
  await withTimeout(producer.sendAll(records), 'sendAll');
  await withTimeout(producer.flush(), 'flush');

  const codecs = storedCodecs(topic, 0);
  assert.ok(codecs.length > 0, 'no stored batch found');
  assert.deepEqual([...new Set(codecs)], [1], 'every stored batch is gzip (codec 1)');

  const official = await readPartition(fluvio, topic, 0, records.length);
  assert.deepEqual(official.map((r) => [r.key.toString(), r.value.toString()]), records);

  const ours = await peer('consume', topic);
  assert.deepEqual(ours.map((r) => [r.key.toString(), r.value.toString()]), records);
  assert.deepEqual(ours.map((r) => r.offset), records.map((_, i) => i));
});
