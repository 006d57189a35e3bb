import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { adminDocs } from './build/admin-docs';

const api = process.env.SOASH_API_URL ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [react(), adminDocs()],
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: true },
      // The refresh-token cookie is scoped to this path (httpOnly, SameSite=Strict).
      '/auth': { target: api, changeOrigin: true },
      '/oauth': { target: api, changeOrigin: true },
      '/exports': { target: api, changeOrigin: true },
      '/healthz': { target: api },
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
  },
});
