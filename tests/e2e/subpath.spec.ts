// The bundle references its files relative to each page, so it works from a sub-path of a
// static host as well as from the root, with no build option.
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { test, expect, sessions, ms } from './support';

const base = 'http://127.0.0.1:4174/nownext/';
const at = ms(sessions[1].starts) + 600_000;

test('the phone page works under /nownext/', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.clock.install({ time: at });
  await page.goto(base);
  await expect(page.locator('[aria-current]')).toHaveAttribute('id', sessions[1].id);
  expect(requests.filter((p) => !p.startsWith('/nownext/'))).toEqual([]);
});

test('the projector page works under /nownext/projector/ and its QR code points back', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.clock.install({ time: at });
  await page.goto(base);
  await page.getByRole('link', { name: 'Show on a projector' }).click();
  await expect(page).toHaveURL(`${base}projector/`);
  await expect(page.locator('.pj-title')).toHaveText(sessions[1].title);
  const png = PNG.sync.read(await page.locator('svg.qr').screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(code?.data).toBe(base);
});
