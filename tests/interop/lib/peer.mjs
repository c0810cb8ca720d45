// Runs our C# client (tests/interop/GrpcPeer) against the broker's gRPC door and returns its JSON.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { grpcUri, peerDll } from './env.mjs';

const run = promisify(execFile);

export async function peer(command, topic, ...rest) {
  const { stdout } = await run('dotnet', [peerDll, command, grpcUri, topic, ...rest.map(String)], {
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
