import { defineConfig } from 'vitest/config';

/**
 * The suites that need a real kuma-cp (`npm run test:real-cp`). They build it from its Go module
 * on first use, so they are kept out of `npm test`, which must run without Go.
 */
export default defineConfig({
  test: {
    name: 'real-cp',
    root: new URL('..', import.meta.url).pathname,
    include: ['real-cp/**/*.test.ts'],
    environment: 'node',
    // One control plane at a time: each suite starts its own kuma-cp processes.
    fileParallelism: false,
    testTimeout: 15 * 60_000,
    hookTimeout: 20 * 60_000,
  },
});
