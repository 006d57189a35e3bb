/**
 * Every benchmark suite, in the order they run. A new suite is a file here that calls
 * `registerSuite` (registry.ts) and one import below.
 */
import './limits.bench.js';
import './api-keys.bench.js';
import './ingest.bench.js';
import './dashboard.bench.js';
import './insights.bench.js';
