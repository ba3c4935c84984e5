// The page as built: index.html itself holds the whole programme, rendered at build time
// by the app's own components. It is readable where the app cannot run (JavaScript off, or
// no WebAssembly, as in iOS Lockdown Mode), and the app takes it over without moving
// anything on screen.
import type { Page } from '@playwright/test';
import { test, expect, sessions, talks, messages, ms, zone, elsewhere, during } from './support';
import { expectNoLiveLine, expectWholeProgramme, wallTime } from './programme';

const noLive = messages('en').no_live_times as string;
test('the built page holds the programme itself, before any script runs', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const body = html.slice(html.indexOf('<body'));
  for (const session of sessions) {
    expect(body).toContain(`id="${session.id}"`);
    expect(body).toContain(session.title.replaceAll('&', '&amp;'));
    expect(body).toContain(`>${wallTime(session.starts)}</time>–<time`);
  }
  expect(body).toContain(noLive);
  expect(body, 'nothing live on a page without a clock').not.toContain('aria-current');
  // The still switcher names English only: Arabic or Chinese script would have the browser
  // look for their fonts before its first paint.
  expect(body.match(/<option\b/g)).toHaveLength(1);
  expect(body).not.toMatch(/[\u0600-\u06ff\u4e00-\u9fff]/);
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the programme is readable and a line says why there are no live times', async ({ page }) => {
    await page.goto('/');
    await expectWholeProgramme(page);
    await expectNoLiveLine(page, 'no-wasm');
    // Buttons that need the app are there but cannot be used.
    await expect(page.locator('.row-actions[inert]')).toHaveCount(talks.length);
    await expect(page.locator('.language[inert]')).toHaveCount(1);
    await page.screenshot({ path: 'test-results/screenshots/prerendered-no-javascript.png' });
    await page.screenshot({ path: 'test-results/screenshots/prerendered-no-javascript-full.png', fullPage: true });
  });
});

/** Where each part of the page sits in the document, in CSS pixels. */
async function layout(page: Page) {
  return page.evaluate(() => {
    const parts = ['header.meeting', '.meeting h1', '.language select', '.now-bar', '.day h2', '.day-actions', ...[...document.querySelectorAll('li.session')].map((li) => `#${li.id}`)];
    return Object.fromEntries(
      parts.map((selector) => {
        const box = document.querySelector(selector)!.getBoundingClientRect();
        // The now-bar sticks to the top: its height is what the rows below depend on.
        const top = selector === '.now-bar' ? 0 : Math.round(box.top + scrollY);
        return [selector, [top, Math.round(box.left), Math.round(box.width), Math.round(box.height)]];
      }),
    );
  });
}

// A phone on the meeting's clock, and one still on its owner's home clock, to which the app
// adds the reader's own times.
for (const timezoneId of [zone, elsewhere]) {
  test.describe(`on a phone set to ${timezoneId}`, () => {
    test.use({ timezoneId });

    for (const [state, at] of [
      ['before the day', ms(sessions[0].starts) - 3_600_000],
      ['during a session', during],
      ['after the day', ms(sessions[sessions.length - 1].ends) + 3_600_000],
    ] as const) {
      test(`the app takes the page over without moving anything, ${state}`, async ({ page }) => {
        await page.addInitScript(() => {
          (window as unknown as { shifts: number[] }).shifts = [];
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as unknown as { value: number }[]) {
              (window as unknown as { shifts: number[] }).shifts.push(entry.value);
            }
          }).observe({ type: 'layout-shift', buffered: true });
        });
        // The wasm waits until the page as built has been measured.
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        await page.route('**/*.wasm', async (route) => {
          await held;
          await route.continue();
        });
        await page.clock.install({ time: at });
        await page.goto('/');
        await expect(page.locator('#prerendered')).toBeVisible();
        const built = await layout(page);
        release();
        await expect(page.locator('#prerendered')).toHaveCount(0);
        await expect(page.locator('.now-head')).toBeVisible();
        expect(await layout(page)).toEqual(built);
        expect(await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts)).toEqual([]);
      });
    }
  });
}
