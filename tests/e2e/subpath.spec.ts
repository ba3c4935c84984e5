// The bundle references its files relative to each page, so it works from a sub-path of a
// static host as well as from the root, with no build option; a build for one sub-path
// (scripts/build --base) works there too.
import jsQR from 'jsqr';
import { existsSync } from 'node:fs';
import { PNG } from 'pngjs';
import { test, expect, during, liveTalk } from './support';

const base = 'http://127.0.0.1:4174/nownext/';
const at = during;

test('the phone page works under /nownext/', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.clock.install({ time: at });
  await page.goto(base);
  await expect(page.locator('[aria-current]')).toHaveAttribute('id', liveTalk.id);
  expect(requests.filter((p) => !p.startsWith('/nownext/'))).toEqual([]);
});

test('the projector page works under /nownext/projector/ and its QR code points back', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.clock.install({ time: at });
  await page.goto(base);
  await page.getByRole('link', { name: 'Show on a projector' }).click();
  await expect(page).toHaveURL(`${base}projector/`);
  await expect(page.locator('.pj-title')).toHaveText(liveTalk.title);
  const png = PNG.sync.read(await page.locator('svg.qr').screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(code?.data).toBe(base);
});

test.describe('a build for one sub-path (scripts/build --base /nownext/)', () => {
  const built = 'http://127.0.0.1:4176/nownext/';

  test('references its files from /nownext/, works there with its service workers, and nothing leaves it', async ({ page, context }) => {
    expect(existsSync('target/dist-base/index.html'), 'scripts/test builds it: scripts/build --base /nownext/ --dist target/dist-base').toBe(true);
    const requests: string[] = [];
    context.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.clock.install({ time: at });
    for (const [path, running] of [
      ['', () => expect(page.locator('[aria-current]')).toHaveAttribute('id', liveTalk.id)],
      ['projector/', () => expect(page.locator('.pj-title')).toHaveText(liveTalk.title)],
    ] as const) {
      await page.goto(built + path);
      await running();
      // The build's own addresses, not relative ones.
      expect(await page.locator('link[rel="modulepreload"]').getAttribute('href')).toMatch(new RegExp(`^/nownext/${path}[a-z]+-[0-9a-f]+\\.js$`));
      // The page's own worker, for the page's folder, serves the next load.
      await expect.poll(() => page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return registration?.active ? registration.scope : null;
      })).toBe(built + path);
      await page.reload();
      await running();
      expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${built}${path}sw.js`);
    }
    // The workers' own requests too.
    expect(requests.filter((p) => !p.startsWith('/nownext/'))).toEqual([]);
  });
});
