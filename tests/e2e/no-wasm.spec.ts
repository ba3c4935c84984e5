// Without WebAssembly (iOS Lockdown Mode turns it off), the page as built stays: the whole
// programme, and a line saying live times need a newer or less locked-down browser; and
// the app's wasm is not downloaded.
// A file of its own: a browser launched with other flags needs a Playwright worker process
// of its own.
import config from '../../playwright.config';
import { test, expect, during } from './support';
import { expectNoLiveLine, expectWholeProgramme } from './programme';

// V8 without its JIT has no WebAssembly, as in iOS Lockdown Mode. (`--noexpose_wasm`
// has no effect in Debian's Chromium 156: `WebAssembly` stays defined.)
const launchOptions = config.use?.launchOptions ?? {};
test.use({ launchOptions: { ...launchOptions, args: [...(launchOptions.args ?? []), '--js-flags=--jitless'] } });

test('the programme is readable, the line is shown, the wasm is not downloaded, and nothing fails in the console', async ({ page, context }) => {
  const requested: string[] = [];
  context.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.clock.install({ time: during });
  await page.goto('/');
  expect(await page.evaluate(() => typeof WebAssembly)).toBe('undefined');
  await expectWholeProgramme(page);
  await expectNoLiveLine(page, 'no-wasm');
  await page.clock.runFor(5_000);
  // The app never started: nothing is marked live, and the page as built stays.
  await expect(page.locator('[aria-current]')).toHaveCount(0);
  await expect(page.locator('#prerendered')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/screenshots/prerendered-no-wasm.png' });
  // Again, now that the service worker serves the page: still the programme, still no error.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await expectWholeProgramme(page);
  await expectNoLiveLine(page, 'no-wasm');
  // Neither the page nor its worker fetched the app's wasm or its translations, on a shared
  // network. The worker keeps the page as built for offline.
  const app = /\.wasm$|\/lang\//;
  expect(requested.filter((path) => app.test(path))).toEqual([]);
  const kept = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const key of await caches.keys()) {
      for (const request of await (await caches.open(key)).keys()) urls.push(new URL(request.url).pathname);
    }
    return urls;
  });
  expect(kept).toContain('/index.html');
  expect(kept.filter((path) => app.test(path))).toEqual([]);
});

test('the projector page says why it cannot run and links to the programme', async ({ page }) => {
  await page.goto('/projector/');
  await expectNoLiveLine(page, 'no-wasm');
  await page.getByRole('link', { name: 'Programme' }).click();
  await expectWholeProgramme(page);
  await page.screenshot({ path: 'test-results/screenshots/prerendered-projector-no-wasm.png' });
});
