import { defineConfig } from '@playwright/test'
import { resolveChromium } from './scripts/lib/chromium.mjs'

const port = 5173
// System, Playwright-managed or the npm-packaged Chromium: scripts/lib/chromium.mjs decides.
const { executablePath, args } = await resolveChromium()

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  // As in vitest.config.ts: one retry for the emulators' timing under load; `npm test` lists
  // every test that needed it.
  retries: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'en-US',
    launchOptions: { executablePath, args },
  },
  // A production build served by `vite preview`: what users get, and no dev-server reloads
  // (dependency re-optimisation) in the middle of a test.
  webServer: {
    command: `npx vite build --outDir .cache/e2e-dist --emptyOutDir --manifest --logLevel warn && npx vite preview --outDir .cache/e2e-dist --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { VITE_USE_EMULATORS: 'true' },
  },
})
