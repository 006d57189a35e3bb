import { parentPort } from 'node:worker_threads';
import { analysePacked, type PackedInput } from './engine-runner.js';

/** Worker thread entry: one analysis per worker (see engine-runner.ts). */
parentPort?.once('message', (input: PackedInput) => {
  try {
    parentPort!.postMessage({ ok: true, result: analysePacked(input) });
  } catch (err) {
    parentPort!.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
  }
});
