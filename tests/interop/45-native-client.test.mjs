// Our C# client over the native protocol (fluvio://) and the official client, on the same
// broker: records either one sends, the other reads back on the same partitions and offsets,
// byte for byte.
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

test('records our native client sends are read by the official client on the same partitions, byte-identical', async () => {
  const topic = uniqueTopic('ours-native');
  await nativePeer('create', topic, 3);
  const sent = await nativePeer('produce', topic, 400, 7);
  assert.equal(sent.length, 400);

  for (let p = 0; p < 3; p++) {
    const mine = sent.filter((r) => r.partition === p).sort((a, b) => a.offset - b.offset);
    assert.deepEqual(mine.map((r) => r.offset), mine.map((_, i) => i), `dense offsets in partition ${p}`);
    for (const r of mine.filter((r) => r.key !== null)) {
      assert.equal(partitionFor(r.key, 3), p, 'a keyed record sits where the official partitioner puts it');
    }
    const read = await readPartition(fluvio, topic, p, mine.length);
    assert.equal(read.length, mine.length, `records read from partition ${p}`);
    read.forEach((record, i) => {
      assert.deepEqual(record.key, mine[i].key, `key at ${p}/${i}`);
      assert.ok(record.value.equals(mine[i].value), `value at ${p}/${i}`);
    });
  }
});

test('records the official client sends are read by our native client on the same partitions, byte-identical', async () => {
  const topic = uniqueTopic('theirs-native');
  await createTopic(admin, topic, 3);
  const producer = await withTimeout(fluvio.topicProducer(topic), `producer ${topic}`);
  const records = Array.from({ length: 150 }, (_, i) => [
    Buffer.from(`key-${i % 11}`),
    // Never empty: the official module crashes on an empty typed array.
    Buffer.from(Array.from({ length: 1 + ((i * 7) % 120) }, (_, j) => (i + j * 13) & 0xff)),
  ]);
  for (const [key, value] of records) {
    await producer.send(key, value);
  }
  await withTimeout(producer.flush(), 'flush');

  const read = await nativePeer('consume', topic);
  assert.equal(read.length, records.length);
  for (let p = 0; p < 3; p++) {
    const expected = records.filter(([key]) => partitionFor(key, 3) === p);
    const got = read.filter((r) => r.partition === p).sort((a, b) => a.offset - b.offset);
    assert.deepEqual(got.map((r) => r.offset), expected.map((_, i) => i), `offsets of partition ${p}`);
    got.forEach((r, i) => {
      assert.ok(r.key.equals(expected[i][0]), `key at ${p}/${i}`);
      assert.ok(r.value.equals(expected[i][1]), `value at ${p}/${i}`);
    });
  }
});
