// Where the run script put things: the broker's addresses, its data directory, the official
// client's native module and our C# gRPC peer. Every test file reads them from here.
import { createRequire } from 'node:module';

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the tests through tests/interop/run.sh`);
  }
  return value;
}

export const scAddress = required('FLUVIO_INTEROP_SC');
export const spuAddress = required('FLUVIO_INTEROP_SPU');
export const grpcUri = required('FLUVIO_INTEROP_GRPC');
export const dataDir = required('FLUVIO_INTEROP_DATA_DIR');
export const peerDll = required('FLUVIO_INTEROP_PEER');

/** The official client: @fluvio/client 0.14.9's compiled Rust module, loaded as its TS wrapper does. */
export const native = createRequire(import.meta.url)(required('FLUVIO_INTEROP_CLIENT'));
