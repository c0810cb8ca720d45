// Garbage on the native ports closes that connection only: the official client carries on.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { connect, createTopic, readPartition, uniqueTopic, withTimeout } from './lib/fluvio.mjs';
import { scAddress, spuAddress } from './lib/env.mjs';

let fluvio;
let admin;

before(async () => {
  fluvio = await connect();
  admin = await fluvio.admin();
});

/** Sends raw bytes and resolves once the broker closes the socket (rejects if it never does). */
function sendAndAwaitClose(address, bytes) {
  const [host, port] = address.split(':');
  return withTimeout(new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), host, () => socket.write(bytes));
    socket.on('data', () => {});
    socket.on('error', () => resolve('reset'));
    socket.on('close', () => resolve('closed'));
    socket.on('timeout', () => reject(new Error('no close')));
  }), `the broker closing ${address}`, 10_000);
}

const garbage = {
  'negative frame size': Buffer.from('ffffffff', 'hex'),
  'huge declared length': Buffer.from('7fffffff0000', 'hex'),
  'unknown api key': Buffer.from('0000000a' + '1092' + '0000' + '00000001' + '0000', 'hex'),
  'truncated body': Buffer.from('0000000a' + '03ec' + '0010' + '00000001' + '0000', 'hex'),
};

for (const [what, bytes] of Object.entries(garbage)) {
  test(`${what}: the broker closes that connection`, async () => {
    await sendAndAwaitClose(scAddress, bytes);
    await sendAndAwaitClose(spuAddress, bytes);
  });
}

test('after all that, the official client still produces and consumes', async () => {
  const topic = uniqueTopic('after-garbage');
  await createTopic(admin, topic, 1);
  const producer = await fluvio.topicProducer(topic);
  await producer.send('k', 'still fine');
  await withTimeout(producer.flush(), 'flush');
  const [record] = await readPartition(fluvio, topic, 0, 1);
  assert.equal(record.value.toString(), 'still fine');
});
