// Nothing leaves the origin: over a whole session on both pages (a day passing, a language
// picked, the background opened, a calendar file, a link shared, the projector with its
// timer), every request the browser makes, the service worker's included, is to the page's
// own origin.
import { test, expect, opening, closing, firstTalk } from './support';

test('a full session requests nothing from any other origin', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);

  await page.clock.install({ time: opening - 60_000 });
  await page.goto('/');
  await expect(page.locator('.now-head')).toBeVisible();
  // The whole meeting, an hour at a time, and an hour after it.
  const hours = Math.ceil((closing - opening) / 3_600_000) + 1;
  for (let hour = 0; hour < hours; hour++) await page.clock.fastForward(3_600_000);
  await expect(page.locator('.now-state')).toHaveText(/ended/i);

  await page.locator('.language select').selectOption('fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.locator('.language select').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.locator('.language select').selectOption('en');
  await page.locator('details.about summary').click();

  const download = page.waitForEvent('download');
  await page.locator(`#${firstTalk.id} .calendar`).click();
  await download;
  await page.locator(`#${firstTalk.id} .share`).click();
  await expect(page.locator(`#${firstTalk.id} .copied`)).not.toBeEmpty();
  await page.emulateMedia({ media: 'print' });
  await page.emulateMedia({ media: 'screen' });

  await page.locator('.to-projector a').click();
  await expect(page.locator('.pj-state')).toBeVisible();
  await page.keyboard.press('t');
  await page.clock.fastForward(60_000);
  await page.reload();
  await expect(page.locator('.pj-state')).toBeVisible();

  expect(requests.length, 'the pages, their code, a language, the worker').toBeGreaterThan(8);
  const elsewhere = requests.filter((url) => new URL(url).origin !== origin);
  expect(elsewhere).toEqual([]);
});
