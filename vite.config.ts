import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { earlyRequests } from './build-plugins/early-requests';
import { mermaidConfigCopy } from './build-plugins/mermaid-config-copy';
import { mermaidPlainLabels } from './build-plugins/mermaid-plain-labels';
import {
  API_BASE_URL,
  CAPABILITY_PATHS,
  firstPageUrl,
  TOPOLOGY_FIRST_LISTS,
} from './src/kuma/first-requests';
import { ROUTES } from './src/lib/paths';
import { TOKEN_SESSION_KEY } from './src/ui/token';

const srcDir = fileURLToPath(new URL('./src', import.meta.url));

/**
 * `npm run dev` serves the same `/api` as `npm start`. The server is loaded through tsx only
 * when a dev server starts: imported here, Vite's config bundler would walk the whole server and
 * demo control plane on every `vite build` and Vitest run, and warn about each of their imports.
 */
function devApi(): Plugin {
  return {
    name: 'kuma-dashboard-dev-api',
    apply: 'serve',
    async configureServer(server) {
      // Vitest runs a Vite server too; its tests start their own demo control planes.
      if (process.env.VITEST) return;
      const { tsImport } = await import('tsx/esm/api');
      const devApiModule: typeof import('./server/dev-api') = await tsImport(
        './server/dev-api.ts',
        import.meta.url,
      );
      await devApiModule.attachDevApi(server);
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    devApi(),
    mermaidConfigCopy(),
    mermaidPlainLabels(),
    earlyRequests({
      fetches: CAPABILITY_PATHS.map((path) => API_BASE_URL + path),
      routeFetches: { [ROUTES.topology]: TOPOLOGY_FIRST_LISTS.map(firstPageUrl) },
      skipFetchesIfStored: TOKEN_SESSION_KEY,
      routeModules: { [ROUTES.topology]: 'src/features/topology/topology-prefetch.ts' },
    }),
  ],
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
          include: [
            'src/**/*.test.ts',
            'demo-cp/**/*.test.ts',
            'server/**/*.test.ts',
            'build-plugins/**/*.test.ts',
          ],
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
