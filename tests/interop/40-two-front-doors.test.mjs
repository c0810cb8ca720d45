// One storage behind both front doors: what our C# client sends over gRPC the official client
// reads over the native protocol, and the other way round — same keys, values, partitions and
// offsets, byte for byte.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createTopic, readPartition, uniqueTopic, withTimeout } from './lib/fluvio.mjs';
import { partitionFor } from './lib/partitioner.mjs';
import { peer } from './lib/peer.mjs';

let fluvio;
let admin;

before(async () => {
  fluvio = await connect();
  admin = await fluvio.admin();
});

test('records our C# client sends over gRPC are read by the official client, byte-identical', async () => {
  const topic = uniqueTopic('grpc-in');
  await peer('create', topic, 3);
  const sent = await peer('produce', topic, 300, 42);

  for (let p = 0; p < 3; p++) {
    const expected = sent.filter((r) => r.partition === p).sort((a, b) => a.offset - b.offset);
    assert.deepEqual(expected.map((r) => r.offset), expected.map((_, i) => i), `offsets of partition ${p} are 0..n-1`);
    for (const r of expected.filter((r) => r.key !== null)) {
      assert.equal(partitionFor(r.key, 3), p, 'our client placed a keyed record where Fluvio would');
    }
    const got = await readPartition(fluvio, topic, p, expected.length);
    assert.equal(got.length, expected.length);
    got.forEach((record, i) => {
      assert.deepEqual(record.key, expected[i].key, `key at offset ${i} of partition ${p}`);
      assert.ok(record.value.equals(expected[i].value), `value at offset ${i} of partition ${p}`);
    });
  }
});

test('records the official client sends over the native port are read by our C# client, byte-identical', async () => {
  const topic = uniqueTopic('native-in');
  await createTopic(admin, topic, 3);
  const producer = await withTimeout(fluvio.topicProducer(topic), `producer ${topic}`);
  const records = Array.from({ length: 200 }, (_, i) => {
    const key = Buffer.from([i % 7, 0xff, 0x00, i & 0xff]);
    // Never empty: the official native module crashes (SIGSEGV) on an empty typed array.
    const value = Buffer.from(Array.from({ length: 1 + (i % 90) }, (_, j) => (i * 31 + j) & 0xff));
    return [key, value];
  });
  // Binary keys and values go in as typed arrays (Buffers): the native module refuses a bare
  // ArrayBuffer, whatever the wrapper's type says.
  for (const [key, value] of records) {
    await producer.send(key, value);
  }
  await withTimeout(producer.flush(), 'flush');

  const read = await peer('consume', topic);
  assert.equal(read.length, records.length);
  for (let p = 0; p < 3; p++) {
    const expected = records.filter(([key]) => partitionFor(key, 3) === p);
    const got = read.filter((r) => r.partition === p).sort((a, b) => a.offset - b.offset);
    assert.deepEqual(got.map((r) => r.offset), expected.map((_, i) => i), `offsets of partition ${p}`);
    got.forEach((r, i) => {
      assert.ok(r.key.equals(expected[i][0]), `key at offset ${i} of partition ${p}`);
      assert.ok(r.value.equals(expected[i][1]), `value at offset ${i} of partition ${p}`);
    });
  }
});

test('a topic created over gRPC while the official client is connected reaches its metadata', async () => {
  // The client's stores already hold topics, so a missing one fails at once rather than waiting;
  // the broker pushes topics created through the other door within its one-second reconcile.
  const known = uniqueTopic('known');
  await createTopic(admin, known, 1);
  await withTimeout(fluvio.topicProducer(known), `producer ${known}`);

  const topic = uniqueTopic('late');
  await peer('create', topic, 2);
  let producer;
  for (let attempt = 0; !producer; attempt++) {
    try {
      producer = await withTimeout(fluvio.topicProducer(topic), `producer ${topic}`);
    } catch (error) {
      if (attempt >= 30) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await producer.send('k', 'reached');
  await withTimeout(producer.flush(), 'flush');
  const read = await peer('consume', topic);
  assert.deepEqual(read.map((r) => r.value.toString()), ['reached']);
});
