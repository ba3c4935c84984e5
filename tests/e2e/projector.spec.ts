// The projector page: room-scale now and next on every screen size, the QR code for phones,
// the intervention timer on the fake clock, kiosk behaviour, and the day running late.
import type { Page } from '@playwright/test';
import {
  test, expect, sessions, opening, closing, ms, isoDuration, openProjector, decodeQr, expectFits, interventionMinutes,
  liveTalk, talks, longestTitle, aPause, nextOf, middle, wallPlus,
} from './support';

const minutes = interventionMinutes;

// A projector unless a test says otherwise.
test.use({ viewport: { width: 1280, height: 720 } });
// A session live, and the one with the longest title, a minute in.
const talk = liveTalk;
const longest = ms(longestTitle.starts) + 60_000;

const screens = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
  { width: 3840, height: 2160 },
];

const states = [
  { name: 'before', at: opening - 45 * 60_000, query: '' },
  { name: 'live', at: middle(talk), query: '' },
  // Between sessions, where the programme has a break or a gap.
  { name: 'break', at: aPause && middle(aPause), query: '' },
  { name: 'long-title', at: longest, query: '' },
  { name: 'long-title-late', at: longest, query: '?delay=15' },
  { name: 'after', at: closing + 60_000, query: '' },
];

for (const screen of screens) {
  test.describe(`a ${screen.width}×${screen.height} screen`, () => {
    test.use({ viewport: screen });

    for (const state of states) {
      test(`${state.name} fits, readable from the back`, async ({ page }) => {
        test.skip(state.at === undefined, 'the programme has no time between sessions');
        await openProjector(page, state.at!, state.query);
        const title = page.locator('.pj-title');
        const size = await title.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
        expect(size).toBeGreaterThanOrEqual(0.05 * screen.height);
        const countdown = page.locator('.pj-count .countdown');
        if (await countdown.count()) {
          const sizes = await page.evaluate(() =>
            [...document.querySelectorAll('.projector *')].map((el) => parseFloat(getComputedStyle(el).fontSize)));
          const largest = await countdown.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
          expect(largest).toBe(Math.max(...sizes));
        }
        await expectFits(page);
        await page.screenshot({ path: `test-results/screenshots/projector-${screen.width}x${screen.height}-${state.name}.png` });
      });
    }

    test('the timer in the red with the shortcuts open still fits', async ({ page }) => {
      await openProjector(page, longest, '?delay=10');
      await page.keyboard.press('Space');
      await page.clock.runFor((minutes * 60 + 75) * 1000);
      await expect(page.locator('.pj-timer-digits')).toHaveText('+1:15');
      await expectFits(page);
      await page.keyboard.press('?');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/projector-${screen.width}x${screen.height}-timer-over-help.png` });
    });
  });
}

test('the QR code opens the phone page of the same address, without the projector', async ({ page, baseURL }) => {
  await openProjector(page, middle(talk));
  expect(await decodeQr(page)).toBe(new URL('/', baseURL).href);
});

test('the intervention timer counts down, turns amber, then red, then counts the overrun', async ({ page }) => {
  await openProjector(page, middle(talk));
  const timer = page.locator('.pj-timer');
  const digits = page.locator('.pj-timer-digits');
  await expect(timer).toHaveCount(0);
  await page.keyboard.press('Space');
  await expect(digits).toHaveText(`${minutes}:00`);
  await page.clock.runFor(1000);
  await expect(digits).toHaveText(`${minutes - 1}:59`);
  await page.clock.runFor((minutes * 60 - 31) * 1000);
  await expect(digits).toHaveText('0:30');
  await expect(timer).toHaveClass(/ending/);
  await expect(digits).toHaveCSS('color', 'rgb(255, 191, 60)');
  await page.clock.runFor(30_000);
  await expect(digits).toHaveText('0:00');
  await expect(timer).toHaveClass(/over/);
  await expect(digits).toHaveCSS('color', 'rgb(255, 91, 82)');
  await page.clock.runFor(15_000);
  await expect(digits).toHaveText('+0:15');
  // Space pauses; R resets; Esc hides.
  await page.keyboard.press('Space');
  await page.clock.runFor(10_000);
  await expect(digits).toHaveText('+0:15');
  await page.keyboard.press('r');
  await expect(digits).toHaveText(`${minutes}:00`);
  await expect(timer).toHaveClass(/left/);
  await page.keyboard.press('Escape');
  await expect(timer).toHaveCount(0);
});

test('Space after clicking a button starts the timer once, without pressing the button again', async ({ page }) => {
  await openProjector(page, middle(talk));
  await page.getByRole('button', { name: 'Timer' }).click();
  await expect(page.locator('.pj-timer')).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.locator('.pj-timer')).toBeVisible();
  await page.clock.runFor(2000);
  await expect(page.locator('.pj-timer-digits')).toHaveText(`${minutes - 1}:58`);
});

test('the chair can run the timer by touch from a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openProjector(page, middle(talk));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.getByRole('button', { name: 'Timer' }).click();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.clock.runFor(5000);
  await expect(page.locator('.pj-timer-digits')).toHaveText(`${minutes - 1}:55`);
  await page.screenshot({ path: 'test-results/screenshots/projector-page-on-a-phone-timer.png', fullPage: true });
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.locator('.pj-timer-digits')).toHaveText(`${minutes}:00`);
  await page.getByRole('button', { name: 'Hide' }).click();
  await expect(page.locator('.pj-timer')).toHaveCount(0);
});

test('a delay set on the projector reaches a phone through the QR code', async ({ page, context }) => {
  // A session with something after it on its day, and before it where there is something:
  // ten minutes before its end (half-way through, if it is shorter), the delay set then
  // moves its end and all that follows that day, not what has ended.
  const day = (s: { starts: string }) => s.starts.slice(0, 10);
  const followed = talks.filter((s) => nextOf(s) && day(nextOf(s)!) === day(s));
  const late = followed.find((s) => s !== sessions[0]) ?? followed[0];
  test.skip(!late, 'no session of the programme has another after it on its day');
  const next = nextOf(late)!;
  const lastOfDay = sessions.filter((s) => day(s) === day(late)).at(-1)!;
  const at = Math.max(middle(late), ms(late.ends) - 10 * 60_000);
  const wall = (rfc3339: string) => rfc3339.slice(11, 16);
  await openProjector(page, at);
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect(page.locator('.late')).toHaveText('Running 10 minutes late');
  await expect(page.locator('.pj-until time')).toHaveText(wallPlus(wall(late.ends), 10));
  await expect(page.locator('.pj-next')).toContainText(wallPlus(wall(next.starts), 10));
  await expect(page.locator('.pj-next del')).toHaveText(wall(next.starts));
  const remaining = (ms(late.ends) - at) / 1000 + 10 * 60;
  await expect(page.locator('.pj-count .countdown')).toHaveAttribute('datetime', isoDuration(remaining));
  // The address keeps the delay, so a reload shows it too.
  expect(new URL(page.url()).searchParams.get('delay')).toBe('10');

  const url = await decodeQr(page);
  expect(new URL(url).pathname).toBe('/');
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(url);
  await expect(phone.locator('.late')).toHaveText('Running 10 minutes late');
  // The session keeps its start and ends later; what has ended keeps its times; what
  // follows moves whole.
  await expect(phone.locator(`#${late.id} .when > time`)).toHaveText([wall(late.starts), wallPlus(wall(late.ends), 10)]);
  await expect(phone.locator(`#${late.id} .when del`)).toHaveText(`${wall(late.starts)}–${wall(late.ends)}`);
  for (const s of sessions.slice(0, sessions.indexOf(late))) await expect(phone.locator(`#${s.id} .when del`)).toHaveCount(0);
  await expect(phone.locator(`#${lastOfDay.id} .when > time`)).toHaveText(
    [wallPlus(wall(lastOfDay.starts), 10), wallPlus(wall(lastOfDay.ends), 10)]);
  await expect(phone.locator('.now-bar time.countdown')).toHaveAttribute('datetime', isoDuration(remaining));
  await phone.screenshot({ path: 'test-results/screenshots/phone-running-late.png' });

  // Back on time: − twice clears the delay and the QR code.
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await expect(page.locator('.late')).toHaveCount(0);
  expect(await decodeQr(page)).not.toContain('delay');
});

test('?view=projector on the phone page opens the projector page', async ({ page }) => {
  await page.clock.install({ time: middle(talk) });
  await page.goto('/?view=projector&delay=5');
  await expect(page).toHaveURL(/\/projector\/\?delay=5$/);
  await expect(page.locator('.pj-title')).toHaveText(talk.title);
});

test('the phone page links to the projector page, keeping the delay', async ({ page }) => {
  await page.clock.install({ time: middle(talk) });
  await page.goto('/?delay=5');
  await page.getByRole('link', { name: 'Show on a projector' }).click();
  await expect(page).toHaveURL(/\/projector\/\?delay=5$/);
  await expect(page.locator('.late')).toHaveText('Running 5 minutes late');
});

for (const [query, shown] of [
  ['?delay=abc', 'delay=abc'],
  ['?delay=-9999', 'delay=-9999'],
  ['?delay=2000', 'delay=2000'],
  ['?delay=10&since=teatime', 'since=teatime'],
]) {
  test(`an absurd delay (${query}) gives a notice and planned times`, async ({ page }) => {
    await openProjector(page, middle(talk), query);
    await expect(page.locator('.notices')).toContainText(shown);
    await expect(page.locator('.late')).toHaveCount(0);
    await expect(page.locator('.pj-until time')).toHaveText(talk.ends.slice(11, 16));
    await expectFits(page);
  });
}

test.describe('kiosk behaviour', () => {
  test('keeps the screen awake, again after the page is shown again', async ({ page }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { wakeLocks: string[] };
      w.wakeLocks = [];
      Object.defineProperty(navigator, 'wakeLock', {
        value: { request: (type: string) => { w.wakeLocks.push(type); return Promise.resolve({}); } },
      });
    });
    await openProjector(page, middle(talk));
    expect(await page.evaluate(() => (window as unknown as { wakeLocks: string[] }).wakeLocks)).toEqual(['screen']);
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
    expect(await page.evaluate(() => (window as unknown as { wakeLocks: string[] }).wakeLocks)).toEqual(['screen', 'screen']);
  });

  test('a refused or missing wake lock is no error', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'wakeLock', {
        value: { request: () => Promise.reject(new DOMException('refused', 'NotAllowedError')) },
      });
    });
    await openProjector(page, middle(talk));
    await page.keyboard.press('f'); // full screen without a user gesture is refused too
    await expect(page.locator('.pj-title')).toBeVisible();
  });

  test('F asks for full screen; the pointer and controls hide when idle', async ({ page }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { fullScreen: number };
      w.fullScreen = 0;
      Element.prototype.requestFullscreen = function () { w.fullScreen += 1; return Promise.resolve(); };
    });
    await openProjector(page, middle(talk));
    await page.keyboard.press('f');
    expect(await page.evaluate(() => (window as unknown as { fullScreen: number }).fullScreen)).toBe(1);
    await page.getByRole('button', { name: 'Full screen' }).click();
    expect(await page.evaluate(() => (window as unknown as { fullScreen: number }).fullScreen)).toBe(2);

    await page.mouse.move(200, 200);
    await expect(page.locator('.projector')).not.toHaveClass(/idle/);
    await page.clock.runFor(3500);
    await expect(page.locator('.projector')).toHaveClass(/idle/);
    await expect(page.locator('.projector')).toHaveCSS('cursor', 'none');
    await page.mouse.move(300, 300);
    await expect(page.locator('.projector')).not.toHaveClass(/idle/);
  });

  test('? lists the keys, Esc closes the list', async ({ page }) => {
    await openProjector(page, middle(talk));
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toContainText('start or pause the intervention timer');
    await page.keyboard.press('Escape');
    await expect(help).toHaveCount(0);
  });
});
