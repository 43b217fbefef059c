import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { devApi } from './server/dev-api';

const srcDir = fileURLToPath(new URL('./src', import.meta.url));

export default defineConfig({
  plugins: [react(), devApi()],
  resolve: {
    alias: { '@': srcDir },
    // react-router 7 ships CJS and ESM builds; under Vitest both would load and give two router
    // contexts, so resolve its ESM build everywhere (react-router#12785).
    ...(process.env.VITEST ? { conditions: ['module-sync', ...defaultClientConditions] } : {}),
  },
  build: { chunkSizeWarningLimit: 2000 },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/**/*.test.ts', 'demo-cp/**/*.test.ts', 'server/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['src/**/*.test.tsx'],
          setupFiles: ['./src/test/setup.ts'],
          // Whole routes render in jsdom against the demo control plane; role queries are slow there.
          testTimeout: 30_000,
        },
      },
    ],
  },
});
