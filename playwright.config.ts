import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './tests/e2e/chromium.mjs';

// End-to-end tests run on the release bundle in dist/ (built by `trunk build --release`),
// in Debian's Chromium: Playwright's own browser download does not work on these machines.
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/output',
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL: 'http://127.0.0.1:4173/',
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
  },
  webServer: [
    {
      command: 'node tests/e2e/serve.mjs dist 4173',
      url: 'http://127.0.0.1:4173/',
      reuseExistingServer: !process.env.CI,
    },
    {
      // The same bundle on a static host's sub-path.
      command: 'node tests/e2e/serve.mjs dist 4174 /nownext/',
      url: 'http://127.0.0.1:4174/nownext/',
      reuseExistingServer: !process.env.CI,
    },
    {
      // The bundle built for that sub-path (scripts/build --base /nownext/, run by
      // scripts/test). Ready once listening: without the build, only its test fails.
      command: 'node tests/e2e/serve.mjs target/dist-base 4176 /nownext/',
      port: 4176,
      reuseExistingServer: !process.env.CI,
    },
    {
      // A meeting of several days (tests/fixtures/programmes/two-days.toml, built by
      // scripts/test) for days.spec.ts.
      command: 'node tests/e2e/serve.mjs target/dist-days 4177',
      port: 4177,
      reuseExistingServer: !process.env.CI,
    },
  ],
});
