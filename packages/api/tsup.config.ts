import { defineConfig } from 'tsup';

// One ESM bundle per entry. @soash/* workspace packages are TypeScript source and get bundled in;
// everything from node_modules stays external. tsup transpiles with SWC because the tsconfig
// enables emitDecoratorMetadata (type-graphql and typegoose read the reflected types).
export default defineConfig({
  entry: {
    main: 'src/main.ts',
    worker: 'src/worker.ts',
    'emit-schema': 'src/scripts/emit-schema.ts',
    admin: 'src/scripts/admin.ts',
    migrate: 'src/scripts/migrate.ts',
    bench: 'src/bench/index.ts',
    abuse: 'src/scripts/abuse.ts',
    // The insights engine's worker thread (modules/insights/engine-runner.ts loads it by this name).
    'insights-worker': 'src/modules/insights/engine.worker.ts',
  },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  splitting: true,
  noExternal: [/^@soash\//],
});
