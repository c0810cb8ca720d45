// The official producer and partition consumer against our SPU: keyed records land where
// Fluvio's partitioner puts them, and every record comes back, in order, from offset 0.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { connect, createTopic, readPartition, uniqueTopic, withTimeout } from './lib/fluvio.mjs';
import { partitionFor } from './lib/partitioner.mjs';

// Topics are left in place: deleting one under a live producer only makes the client log
// flush errors, and the run's data directory is thrown away anyway.
let fluvio;
let admin;

before(async () => {
  fluvio = await connect();
  admin = await fluvio.admin();
});

test('the partitioner written out here matches the shared vectors', () => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const vectors = readFileSync(path.join(here, '../vectors/partition-siphash.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split('\t'));
  assert.ok(vectors.length > 0);
  for (const [key, count, expected] of vectors) {
    assert.equal(partitionFor(key, Number(count)), Number(expected), `key '${key}' over ${count} partitions`);
  }
});

/** Sends `records` ([key, value] strings) with send() one by one, then sendAll() for the rest. */
async function produce(topic, records) {
  const producer = await withTimeout(fluvio.topicProducer(topic), `producer ${topic}`);
  const half = Math.floor(records.length / 2);
  for (const [key, value] of records.slice(0, half)) {
    await producer.send(key, value);
  }
  await withTimeout(producer.flush(), 'flush after send');
  await withTimeout(producer.sendAll(records.slice(half)), 'sendAll');
  await withTimeout(producer.flush(), 'flush after sendAll');
}

/** Produces, then reads every partition from offset 0 and checks placement and order. */
async function roundTrip(partitions, count) {
  const topic = uniqueTopic(`pc${partitions}`);
  await createTopic(admin, topic, partitions);
  const records = Array.from({ length: count }, (_, i) => [`user-${i % 37}`, `value ${i} ${'x'.repeat(i % 50)}`]);
  await produce(topic, records);

  for (let p = 0; p < partitions; p++) {
    // In one partition the records keep the order they were sent in.
    const expected = records.filter(([key]) => partitionFor(key, partitions) === p);
    const got = await readPartition(fluvio, topic, p, expected.length);
    assert.equal(got.length, expected.length, `records in partition ${p}`);
    got.forEach((record, i) => {
      assert.equal(record.key.toString(), expected[i][0], `key of record ${i} in partition ${p}`);
      assert.equal(record.value.toString(), expected[i][1], `value of record ${i} in partition ${p}`);
    });
  }
}

test('one partition: 400 keyed records come back in order', () => roundTrip(1, 400));

test('three partitions: 600 keyed records land on Fluvio\'s partitions and come back in order', () => roundTrip(3, 600));

test('a consumer that starts at the end receives records as they are produced', async () => {
  const topic = uniqueTopic('live');
  await createTopic(admin, topic, 1);
  const consumer = await fluvio.partitionConsumer(topic, 0);
  const stream = await withTimeout(consumer.createStream({ index: 0, from: 'end' }), 'stream from end');
  const producer = await fluvio.topicProducer(topic);
  for (let i = 0; i < 5; i++) {
    await producer.send(`k${i}`, `live ${i}`);
    await withTimeout(producer.flush(), `flush ${i}`);
    const item = await withTimeout(stream.next(), `live record ${i}`);
    assert.equal(item.value.valueString(), `live ${i}`);
  }
});

test('a stream larger than one fetch arrives whole (several frames, acknowledged by offset updates)', async () => {
  const topic = uniqueTopic('big');
  await createTopic(admin, topic, 1);
  const producer = await fluvio.topicProducer(topic);
  // About 3 MiB in many batches: more than the client's 1 MiB max_bytes per frame.
  const value = 'v'.repeat(8 * 1024);
  const count = 400;
  for (let i = 0; i < count; i++) {
    await producer.send(`k${i}`, `${i}:${value}`);
  }
  await withTimeout(producer.flush(), 'flush big');
  const got = await readPartition(fluvio, topic, 0, count);
  assert.equal(got.length, count);
  got.forEach((record, i) => assert.ok(record.value.toString().startsWith(`${i}:`), `record ${i} in order`));
});
