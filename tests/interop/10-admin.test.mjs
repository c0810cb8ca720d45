// Topic administration through the official client's admin API, against our SC.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createTopic, parseList, uniqueTopic, withTimeout } from './lib/fluvio.mjs';
import { spuAddress } from './lib/env.mjs';

let fluvio;
let admin;

before(async () => {
  fluvio = await connect();
  admin = await fluvio.admin();
});

test('topics with 1 and 3 partitions are created, listed with their partitions, and deleted', async () => {
  const one = uniqueTopic('adm-one');
  const three = uniqueTopic('adm-three');
  assert.equal(await createTopic(admin, one, 1), one);
  assert.equal(await createTopic(admin, three, 3), three);

  const topics = parseList(await withTimeout(admin.listTopic(), 'listTopic'));
  const byName = new Map(topics.map((t) => [t.name, t]));
  assert.equal(byName.get(one).spec.replicas.computed.partitions, 1);
  assert.equal(byName.get(three).spec.replicas.computed.partitions, 3);
  assert.equal(byName.get(three).status.resolution, 'Provisioned');

  const partitions = parseList(await withTimeout(admin.listPartitions(), 'listPartitions'));
  const mine = partitions.filter((p) => p.name.startsWith(`${three}-`)).map((p) => p.name).sort();
  assert.deepEqual(mine, [0, 1, 2].map((p) => `${three}-${p}`));
  for (const p of partitions.filter((p) => p.name.startsWith(`${three}-`))) {
    assert.equal(p.spec.leader, 5001);
  }

  assert.equal(await withTimeout(admin.deleteTopic(one), `delete ${one}`), one);
  const after = parseList(await withTimeout(admin.listTopic(), 'listTopic')).map((t) => t.name);
  assert.ok(!after.includes(one), `${one} is still listed after its delete`);
  assert.ok(after.includes(three));
  await withTimeout(admin.deleteTopic(three), `delete ${three}`);
});

test('the SPU object names the real SPU listener', async () => {
  const spus = parseList(await withTimeout(admin.listSpu(), 'listSpu'));
  assert.equal(spus.length, 1);
  const [host, port] = spuAddress.split(':');
  const spec = spus[0].spec;
  assert.equal(spec.spuId, 5001);
  assert.equal(spec.publicEndpoint.port, Number(port));
  assert.equal(spec.publicEndpoint.ingress[0].hostname, host);
});

test('a duplicate create is "Topic already exists"; deleting a missing topic is "Topic not found"', async () => {
  const name = uniqueTopic('adm-dup');
  await createTopic(admin, name, 2);
  await assert.rejects(createTopic(admin, name, 2), /Topic already exists/);
  await withTimeout(admin.deleteTopic(name), `delete ${name}`);
  await assert.rejects(withTimeout(admin.deleteTopic(name), `delete ${name} again`), /Topic not found/);
});

test('an invalid topic name is refused with the client\'s invalid-name error', async () => {
  await assert.rejects(createTopic(admin, 'Not_Valid', 1), /Invalid topic name/);
});

test('a producer for a missing topic fails with "not found"', async () => {
  // The client's metadata store must already hold something, or it waits for a first change.
  const present = uniqueTopic('adm-present');
  await createTopic(admin, present, 1);
  await assert.rejects(withTimeout(fluvio.topicProducer(uniqueTopic('adm-missing')), 'topicProducer'), /not found/i);
  await withTimeout(admin.deleteTopic(present), `delete ${present}`);
});
