// Runs our C# client (tests/interop/GrpcPeer) against the broker and returns its JSON: over gRPC
// with peer(), over Fluvio's native protocol (the SC address, fluvio://) with nativePeer().
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { grpcUri, peerDll, scAddress } from './env.mjs';

const run = promisify(execFile);

export function peer(command, topic, ...rest) {
  return runPeer(grpcUri, command, topic, rest);
}

export function nativePeer(command, topic, ...rest) {
  return runPeer(`fluvio://${scAddress}`, command, topic, rest);
}

async function runPeer(uri, command, topic, rest) {
  const { stdout } = await run('dotnet', [peerDll, command, uri, topic, ...rest.map(String)], {
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const result = JSON.parse(stdout);
  if (Array.isArray(result)) {
    return result.map((r) => ({
      ...r,
      key: r.key === null ? null : Buffer.from(r.key, 'base64'),
      value: Buffer.from(r.value, 'base64'),
    }));
  }
  return result;
}
