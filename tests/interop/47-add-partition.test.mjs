// Partitions added through the SC's Update (UpdateTopicAction::AddPartition, sent by our C#
// client over the native port) reach the official client's metadata: a producer it already had
// hashes over the new count, and it reads the new partition.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createTopic, readPartition, uniqueTopic, withTimeout } from './lib/fluvio.mjs';
import { partitionFor } from './lib/partitioner.mjs';
import { nativePeer } from './lib/peer.mjs';

let fluvio;
let admin;

before(async () => {
  fluvio = await connect();
  admin = await fluvio.admin();
});

test('partitions added over the native Update reach the official client, which then hashes over them', async () => {
  const topic = uniqueTopic('grown');
  await createTopic(admin, topic, 1);
  const producer = await withTimeout(fluvio.topicProducer(topic), `producer ${topic}`);
  await producer.send('alice', 'before');
  await withTimeout(producer.flush(), 'flush');

  const grown = await nativePeer('add-partitions', topic, 2);
  assert.equal(grown.partitions, 3);

  // The watch changes are pushed before the Update's Status, so the store already has them.
  assert.equal(partitionFor(Buffer.from('alice'), 3), 2);
  await producer.send('alice', 'after');
  await withTimeout(producer.flush(), 'flush');
  const third = await readPartition(fluvio, topic, 2, 1);
  assert.deepEqual(third.map((r) => r.value.toString()), ['after']);
  const first = await readPartition(fluvio, topic, 0, 1);
  assert.deepEqual(first.map((r) => r.value.toString()), ['before']);
});
