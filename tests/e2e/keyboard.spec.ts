// Keyboard only: Tab reaches every control of each page, each shows where the focus is,
// and each works from the keyboard. Motion stops for readers who ask for less.
import type { Page } from '@playwright/test';
import { test, expect, talks, messages, openAt, openProjector, during, lastSession, timerAfter } from './support';

/** Tabs through the page once; for each stop, what it is and whether its focus shows. */
async function tabThrough(page: Page, limit = Math.max(60, 20 + 2 * talks.length)) {
  const stops: { what: string; visible: boolean }[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      const label = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '';
      const row = el.closest('li.session')?.id ?? '';
      return { what: `${el.tagName.toLowerCase()}${row ? `#${row}` : ''} ${label}`, visible: ring };
    });
    if (!stop) break;
    if (stops.some((s) => s.what === stop.what)) break;
    stops.push(stop);
  }
  return stops;
}

test('the phone page: every control by Tab, each with a visible focus ring', async ({ page }) => {
  await openAt(page, during);
  await page.evaluate(() => window.scrollTo(0, 0));
  const stops = await tabThrough(page);
  const en = messages('en');
  const names = stops.map((s) => s.what);
  expect(names[0]).toMatch(/^select/);
  expect(names.some((n) => n.includes(en.add_meeting as string))).toBe(true);
  for (const s of talks) {
    expect(names.filter((n) => n.startsWith(`button#${s.id}`)), s.id).toHaveLength(2);
  }
  expect(names.some((n) => n.startsWith('summary'))).toBe(true);
  expect(names.at(-1)).toContain(en.to_projector as string);
  expect(stops.filter((s) => !s.visible)).toEqual([]);
});

test('the phone page works from the keyboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.addInitScript(() => {
    // @ts-expect-error: no share sheet, so sharing copies.
    delete Navigator.prototype.share;
  });
  await openAt(page, during);
  // The language list: arrows choose.
  await page.locator('.language select').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  // About opens with Enter.
  await page.locator('.about summary').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.about')).toHaveAttribute('open', '');
  // Share with Space, the calendar with Enter.
  const row = page.locator(`#${lastSession.id}`);
  await row.locator('.take-away.share').focus();
  await page.keyboard.press('Space');
  await expect(row.locator('.copied')).toHaveText(messages('fr').link_copied as string);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row.locator('.take-away.calendar').focus().then(() => page.keyboard.press('Enter')),
  ]);
  expect(download.suggestedFilename()).toBe(`${lastSession.id}.ics`);
  // The link to the projector, with Enter.
  await page.locator('.to-projector a').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.pj-state')).toBeVisible();
});

test('the projector: every control by Tab, with a visible focus ring, and usable', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openProjector(page, during);
  const stops = await tabThrough(page);
  expect(stops.map((s) => s.what.split(' ')[0])).toEqual(['button', 'button', 'button', 'button', 'button', 'select']);
  expect(stops.filter((s) => !s.visible)).toEqual([]);
  const controls = page.locator('.pj-controls button');
  // Timer: Enter shows it; its own buttons start, pause, reset and hide it.
  await controls.nth(0).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.pj-timer')).toBeVisible();
  const timer = page.locator('.pj-timer-buttons button');
  await timer.nth(0).focus();
  await page.keyboard.press('Enter');
  await page.clock.runFor(3000);
  await expect(page.locator('.pj-timer-digits')).toHaveText(timerAfter(3));
  await timer.nth(1).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.pj-timer-digits')).toHaveText(timerAfter(0));
  await timer.nth(2).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.pj-timer')).toHaveCount(0);
  // +5 then −5 minutes: the day runs late, then on time again.
  await controls.nth(2).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.late')).toBeVisible();
  await controls.nth(1).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.late')).toHaveCount(0);
  // Full screen: asked for (headless Chromium grants it).
  await controls.nth(3).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  // Keys: the list of shortcuts opens.
  await controls.nth(4).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.pj-help')).toBeVisible();
  // The language list, with the arrow keys.
  await page.locator('.pj-controls select').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
});

// Motion: every rule of either page that animates or transitions has its counterpart under
// `prefers-reduced-motion: reduce` that stops it (none moves now; this keeps it so).
for (const path of ['/', '/projector/']) {
  test(`${path}: reduced motion stops every animation and transition`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('.now-state, .pj-state').first()).toBeVisible();
    const { moving, stopped, read } = await page.evaluate(() => {
      const moving: string[] = [];
      const stopped: string[] = [];
      let read = 0;
      const visit = (rules: CSSRuleList, reduced: boolean) => {
        for (const rule of Array.from(rules)) {
          if (rule instanceof CSSMediaRule) {
            visit(rule.cssRules, reduced || rule.conditionText.includes('prefers-reduced-motion: reduce'));
          } else if (rule instanceof CSSStyleRule) {
            read++;
            const s = rule.style;
            const moves = (s.transitionDuration && s.transitionDuration !== '0s') || (s.animationName && s.animationName !== 'none');
            const stops = s.transitionProperty === 'none' || s.transition === 'none' || s.animationName === 'none';
            if (!reduced && moves) moving.push(rule.selectorText);
            if (reduced && stops) stopped.push(rule.selectorText);
          }
        }
      };
      for (const sheet of Array.from(document.styleSheets)) visit(sheet.cssRules, false);
      return { moving, stopped, read };
    });
    // The page's own style sheets were read (their rules are inlined, so readable): each
    // page has about a hundred or more.
    expect(read).toBeGreaterThan(50);
    expect(moving.filter((selector) => !stopped.includes(selector))).toEqual([]);
  });
}
