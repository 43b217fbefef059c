import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from './playwright.config';

/**
 * The browser suite against a real kuma-cp (`npm run e2e:real-cp`): each spec starts the
 * kuma-cp releases it needs (built from their Go modules on first use) and a dashboard pointed
 * at them with KUMA_CP_URL.
 */
export default defineConfig({
  testDir: 'e2e/real-cp',
  globalSetup: './e2e/real-cp/build-once.ts',
  timeout: 120_000,
  workers: 1,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
});
