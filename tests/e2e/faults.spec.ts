// Faults a page shown for hours meets: the system clock jumping, a tab hidden for hours, a
// whole day replayed with nothing growing, and hostile addresses. The programme stays on
// screen through all of them, and the page logs no error (the fixture in support.ts).
import type { Page } from '@playwright/test';
import { test, expect, sessions, ms, openAt, openProjector, messages } from './support';
import { expectNoLiveLine, expectWholeProgramme } from './programme';

const HOUR = 3_600_000;
const panel1 = sessions[1];
const noon = ms('2012-04-03T12:00:00-04:00');

async function expectProgrammeShown(page: Page) {
  await expect(page.locator('.sessions > li')).toHaveCount(sessions.length);
  await expect(page.locator('#panel-1 h3')).toBeVisible();
}

/** The session the now-bar and the list call live, or null. */
const liveId = (page: Page) =>
  page.evaluate(() => document.querySelector('.sessions > li[aria-current]')?.id ?? null);

test('the system clock jumping 3 hours forward, then 1 hour back', async ({ page }) => {
  await openAt(page, noon);
  await expect(page.locator('#panel-1')).toHaveAttribute('aria-current', 'time');
  // A jump moves Date.now() without running any timer, as a corrected system clock does.
  await page.clock.setSystemTime(noon + 3 * HOUR);
  await page.clock.runFor(1100);
  await expect(page.locator('#panel-2')).toHaveAttribute('aria-current', 'time');
  await expect(page.locator('.now-bar time.countdown')).toHaveAttribute('datetime', /^PT2H44M5[89]S$/);
  await page.clock.setSystemTime(noon + 2 * HOUR);
  await page.clock.runFor(1100);
  await expect(page.locator('#break')).toHaveAttribute('aria-current', 'time');
  await expect(page.locator('.now-bar time.countdown')).toHaveAttribute('datetime', /^PT0H59M5[789]S$/);
  await expectProgrammeShown(page);
});

test('a tab hidden for 2 hours shows the right moment as soon as it is shown', async ({ page }) => {
  await openAt(page, noon);
  const setVisibility = (state: 'hidden' | 'visible') =>
    page.evaluate((state) => {
      Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
      Object.defineProperty(document, 'hidden', { value: state === 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);
  await setVisibility('hidden');
  // Browsers throttle a hidden tab's timers; jumping the clock 2 hours with no timer run is
  // the worst case of that.
  await page.clock.setSystemTime(noon + 2 * HOUR);
  await setVisibility('visible');
  await expect(page.locator('#break')).toHaveAttribute('aria-current', 'time');
  await expect(page.locator('.now-bar time.countdown')).toHaveAttribute('datetime', 'PT1H0M0S');
  await expectProgrammeShown(page);
});

test('24 hours at preview speed: nothing grows', async ({ page }) => {
  // From 09:59 on the meeting's day, an hour a second: the whole day and the night after.
  await openAt(page, noon, '?at=09:59&speed=3600');
  const cdp = await page.context().newCDPSession(page);
  const counters = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const dom = await cdp.send('Memory.getDOMCounters');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return { nodes: dom.nodes, listeners: dom.jsEventListeners, heap: usedSize };
  };
  // 18:05: the day is over. Then 16 hours more, a tick a second on the page's clock.
  await page.clock.runFor(8_100);
  await expect(page.locator('.now-title')).toHaveText('The meeting has ended');
  const before = await counters();
  await page.clock.runFor(16 * 1000);
  const after = await counters();
  expect(after.nodes).toBeLessThanOrEqual(before.nodes);
  expect(after.listeners).toBeLessThanOrEqual(before.listeners);
  // The heap may breathe, but not grow with the hours.
  expect(after.heap).toBeLessThan(before.heap * 1.1 + 200_000);
  await expectProgrammeShown(page);
});

test('a whole day at preview speed passes every session in turn', async ({ page }) => {
  await openAt(page, noon, '?at=09:59&speed=3600');
  const seen: (string | null)[] = [];
  for (let i = 0; i < 9; i++) {
    seen.push(await liveId(page));
    await page.clock.runFor(1000);
  }
  // 09:59, 10:59, 11:59, … 17:59: before, opening, panel 1, panel 1, break, break, panel 2…
  expect(seen).toEqual([null, 'opening', 'panel-1', 'panel-1', 'break', 'break', 'panel-2', 'panel-2', 'closing']);
});

// Hostile and malformed addresses: wrong types, huge numbers, unicode, markup, repeated
// keys, in every parameter and in the fragment.
const values = [
  '', ' ', 'abc', '-1', '0', '1e309', '99999999999999999999', 'NaN', 'Infinity', '-0', '0x10',
  '11:60', '25:00', '2012-13-45T99:99', '١١:٣٠', '🕐', '%00', '%FF%FE', '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>', "';DROP TABLE", '../../etc/passwd', 'a'.repeat(5000),
];
const keys = ['at', 'speed', 'delay', 'since', 'lang', 'view'];
const corpus: string[] = [];
for (const key of keys) {
  for (const value of values) corpus.push(`?${key}=${encodeURIComponent(value)}`);
}
corpus.push(
  '?at=11:00&at=xx', '?delay=5&delay=-5&delay=abc', '?lang=fr&lang=<b>', '?speed=60&speed=0',
  '?view=projector&view=phone', '?at&speed&delay', '?=', '?&&&', '?%E0%A4%A', '?at=11:00&speed=3600&delay=1440&since=11:00&lang=ar',
  '#<script>alert(1)</script>', '#%3Cimg%20src=x%20onerror=alert(1)%3E', '#panel-1#panel-2', '#🙂', '#' + 'x'.repeat(3000),
  '?lang=zh#closing', '?delay=1441', '?since=2012-04-03T11:00:00-04:00', '?at=2012-04-03T11:00:00+14:00', '?at=0000-01-01T00:00',
);
// Every value also as a raw, unencoded query, as a hand-typed link would be, and as a
// speed or a delay beside a good time.
for (const value of values) {
  corpus.push(`?at=${value}&lang=${value}`);
  corpus.push(`?at=11:00&speed=${encodeURIComponent(value)}&delay=${encodeURIComponent(value)}`);
  // The projector page puts the address's delay and language into its QR code.
  corpus.push(`projector/?lang=${encodeURIComponent(value)}&delay=${encodeURIComponent(value)}&since=${encodeURIComponent(value)}`);
}
// Fragments close to a session's id, each opened as a first load.
corpus.push('#panel-1%20', '#Panel-1', '#panel-10', '#panel', '#%70anel-1', '#closing?x=1', '#break#break');

test('the corpus has at least 200 addresses', () => {
  expect(new Set(corpus).size).toBeGreaterThanOrEqual(200);
});

const CHUNK = 20;
for (let start = 0; start < corpus.length; start += CHUNK) {
  const chunk = corpus.slice(start, start + CHUNK);
  test(`hostile addresses ${start + 1}–${start + chunk.length}: no panic, no error, the programme shown`, async ({ page }) => {
    await page.clock.install({ time: ms(panel1.starts) + 30 * 60_000 });
    for (const address of chunk) {
      // A first load each time, fragments included.
      await page.goto('about:blank');
      await page.goto(`/${address}`);
      await expect(page.locator('.now-bar .now-state, .pj-state').first(), address).toBeVisible();
      // And its first ticks, where a bad speed or delay would show.
      await page.clock.runFor(2000);
      if (await page.locator('.projector').count()) {
        await expect(page.locator('.pj-now'), address).not.toBeEmpty();
      } else {
        await expectProgrammeShown(page);
      }
      // Nothing from the address became markup.
      await expect(page.locator('body img, body script:not([type])'), address).toHaveCount(0);
      await expect(page.locator('#fault'), address).toBeHidden();
    }
  });
}

test.describe('a fault that aborts the running app', () => {
  // A real trap of the wasm, as a panic makes one: the app's allocator asked for more than
  // memory can hold aborts, inside an event listener, as a tap on a button would call the
  // app; the browser reports its RuntimeError as uncaught.
  test.use({ expectedErrors: [/unreachable/] });

  for (const [name, lang, projector] of [['the phone', 'en', false], ['the phone in French', 'fr', false], ['the projector', 'en', true]] as const) {
    test(`on ${name}, says so over the programme, in the page's language`, async ({ page }) => {
      await page.addInitScript(() =>
        addEventListener('TrunkApplicationStarted', (event) => {
          (window as unknown as { app: unknown }).app = (event as CustomEvent).detail.wasm;
        }),
      );
      const query = lang === 'en' ? '' : `?lang=${lang}`;
      if (projector) await openProjector(page, noon, query);
      else await openAt(page, noon, query);
      const fault = page.locator('#fault');
      await expect(fault).toBeHidden();
      await page.evaluate(() => {
        const app = (window as unknown as { app: { __wbindgen_malloc: (size: number, align: number) => number } }).app;
        const target = new EventTarget();
        target.addEventListener('tap', () => app.__wbindgen_malloc(0xfffffff8, 8));
        target.dispatchEvent(new Event('tap'));
      });
      await expect(fault).toBeVisible();
      await expect(fault).toHaveText(messages(lang).fault as string);
      if (!projector) await expectProgrammeShown(page);
      else await expect(page.locator('.pj-now')).toBeVisible();
    });
  }
});

test.describe('an app that fails while building its page', () => {
  // The loader's line, and, built with stable Rust, the panic hook's (nightly's panics
  // abort before any hook).
  test.use({ expectedErrors: [/could not start|^nownext: panicked at /] });

  test('leaves the whole programme on screen and says live times could not start', async ({ page }) => {
    // The browser refuses the live page's elements: the renderer's unwrap panics, and the
    // panic aborts the app in the middle of its first render. (The page's own script adds
    // the wasm's preload, a <link>, which is let through.)
    await page.addInitScript(() => {
      const real = Document.prototype.createElement;
      Document.prototype.createElement = function (this: Document, tag: string, options?: ElementCreationOptions) {
        if (tag !== 'link') throw new Error('no elements for the live page');
        return real.call(this, tag, options);
      } as typeof real;
    });
    await page.goto('/');
    await expect(page.locator('html')).toHaveClass(/failed/);
    await expect(page.locator('#prerendered')).toBeVisible();
    await expectWholeProgramme(page);
    await expectNoLiveLine(page, 'not-started');
  });
});
