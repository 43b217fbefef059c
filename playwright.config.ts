import { defineConfig } from '@playwright/test';
import { SERVER_NODE_FLAGS } from './server/node-flags';

const port = Number(process.env.E2E_PORT ?? 4310);

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'e2e',
  // Specs against a real kuma-cp have their own config (playwright.real-cp.config.ts).
  testIgnore: ['real-cp/**'],
  timeout: 60_000,
  workers: 1,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  webServer: {
    command: `node ${SERVER_NODE_FLAGS.join(' ')} --import tsx server/main.ts --port ${port} --scenario mixed --seed 42 --tick-ms 1000`,
    url: `http://127.0.0.1:${port}/api/`,
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
