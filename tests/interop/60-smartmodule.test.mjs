// The official consumer's SmartModule config (ConsumerConfig.smartmoduleType + smartmoduleFile:
// the client gzips the file into an ad-hoc invocation of that kind) against our SPU, which runs
// the module: the records that come back are the ones the module keeps or makes.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect, createTopic, uniqueTopic, withTimeout } from './lib/fluvio.mjs';
import { peer } from './lib/peer.mjs';

let fluvio;
let admin;
const dir = mkdtempSync(path.join(tmpdir(), 'fluvio-sm-'));

before(async () => {
  fluvio = await connect();
  admin = await fluvio.admin();
});

async function seed(values) {
  const topic = uniqueTopic('sm');
  await createTopic(admin, topic, 1);
  const producer = await withTimeout(fluvio.topicProducer(topic), `producer ${topic}`);
  for (const value of values) {
    await producer.send('k', value);
  }
  await withTimeout(producer.flush(), 'flush');
  return topic;
}

async function readWith(topic, smartmoduleType, module, count) {
  const file = path.join(dir, `${module}.wasm`);
  await peer('wasm', module, file);
  const consumer = await withTimeout(fluvio.partitionConsumer(topic, 0), `consumer ${topic}`);
  const stream = await withTimeout(consumer.streamWithConfig({ index: 0, from: 'beginning' }, { smartmoduleType, smartmoduleFile: file }), 'stream with a SmartModule');
  const values = [];
  while (values.length < count) {
    const item = await withTimeout(stream.next(), `record ${values.length + 1} of ${count}`);
    if (item.done) {
      break;
    }
    values.push(item.value.valueString());
  }
  return values;
}

test('a filter from smartmoduleFile keeps only the values with an a', async () => {
  const topic = await seed(['apple', 'plum', 'banana', 'kiwi', 'pear']);
  assert.deepEqual(await readWith(topic, 'filter', 'Filter', 3), ['apple', 'banana', 'pear']);
});

test('a map from smartmoduleFile upper-cases every value', async () => {
  const topic = await seed(['apple', 'plum']);
  assert.deepEqual(await readWith(topic, 'map', 'Map', 2), ['APPLE', 'PLUM']);
});

test('an array_map from smartmoduleFile splits each value into records', async () => {
  const topic = await seed(['a,b', 'c']);
  assert.deepEqual(await readWith(topic, 'array_map', 'ArrayMap', 3), ['a', 'b', 'c']);
});

test('a filter_map from smartmoduleFile keeps the tagged values, untagged', async () => {
  const topic = await seed(['#one', 'two', '#three']);
  assert.deepEqual(await readWith(topic, 'filter_map', 'FilterMap', 2), ['one', 'three']);
});
