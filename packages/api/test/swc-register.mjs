/**
 * Runs the TypeScript sources directly under Node (child-process tests, `npm run schema -w`):
 * `node --import ./test/swc-register.mjs src/worker.ts`. Files are compiled with SWC, like the
 * tests (type-graphql and typegoose need emitted decorator metadata).
 */
import { register } from 'node:module';

register('./swc-loader.mjs', import.meta.url);
