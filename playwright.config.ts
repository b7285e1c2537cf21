import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './bench/chromium-args.ts';

/** Browser tests: Debian's Chromium against the built app (vite preview) and fixture servers on loopback. */
// AZL_E2E_PORT moves all the servers (PORT … PORT+4) so two checkouts can run e2e side by side.
const PORT = Number(process.env.AZL_E2E_PORT ?? 4173);
export const APP_URL = `http://127.0.0.1:${PORT}/`;
/** Serves ../shared/fixtures (rpm-md repositories) with CORS, like a mirror would. */
export const FIXTURES_URL = `http://127.0.0.1:${PORT + 1}/`;
/** Serves test/.cache/served (repositories the tests generate, corrupt ones included). */
export const GENERATED_URL = `http://127.0.0.1:${PORT + 2}/`;
/** A documentation site on a second origin: serves public/ (docs-example.html), whose embeds load from APP_URL. */
export const DOCS_URL = `http://127.0.0.1:${PORT + 3}/`;
/** A third origin that no embed trusts (test/e2e/pages). */
export const THIRD_URL = `http://127.0.0.1:${PORT + 4}/`;

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: APP_URL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      // the same browser as the bench's, kept off the network by its own flags
      args: CHROMIUM_ARGS,
    },
  },
  webServer: [
    { command: `npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`, url: APP_URL, reuseExistingServer: !process.env.CI, timeout: 60_000 },
    { command: `node test/support/static-server.mjs ../shared/fixtures/repodata ${PORT + 1}`, url: `${FIXTURES_URL}__log`, reuseExistingServer: !process.env.CI },
    { command: `mkdir -p test/.cache/served && node test/support/static-server.mjs test/.cache/served ${PORT + 2}`, url: `${GENERATED_URL}__log`, reuseExistingServer: !process.env.CI },
    { command: `node test/support/static-server.mjs public ${PORT + 3}`, url: `${DOCS_URL}__log`, reuseExistingServer: !process.env.CI },
    { command: `node test/support/static-server.mjs test/e2e/pages ${PORT + 4}`, url: `${THIRD_URL}__log`, reuseExistingServer: !process.env.CI },
  ],
});
