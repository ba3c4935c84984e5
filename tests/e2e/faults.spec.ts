// Faults a page shown for hours meets: the system clock jumping, a tab hidden for hours, a
// whole day replayed with nothing growing, and hostile addresses. The programme stays on
// screen through all of them, and the page logs no error (the fixture in support.ts).
import type { Page } from '@playwright/test';
import {
  test, expect, sessions, ms, openAt, openProjector, messages, opening, closing, during, firstTalk, lastSession, middle,
  atQuery, statusAt, expectStatus, isoDuration,
} from './support';
import { expectNoLiveLine, expectWholeProgramme } from './programme';

const HOUR = 3_600_000;
/** A whole second, as the page's clock counts. */
const second = (at: number) => at - (at % 1000);

async function expectProgrammeShown(page: Page) {
  await expect(page.locator('.sessions > li')).toHaveCount(sessions.length);
  await expect(page.locator(`#${firstTalk.id} h3`)).toBeVisible();
}

/** The session the now-bar and the list call live, or null. */
const liveId = (page: Page) =>
  page.evaluate(() => document.querySelector('.sessions > li[aria-current]')?.id ?? null);

test('the system clock jumping forward, then back', async ({ page }) => {
  // A quarter into the first session; then three quarters into the last; then back to
  // half-way through the one before it (through the same session, for a day of one).
  const [opened, ahead, back] = [
    second(ms(firstTalk.starts) + (ms(firstTalk.ends) - ms(firstTalk.starts)) / 4),
    second(ms(lastSession.ends) - (ms(lastSession.ends) - ms(lastSession.starts)) / 4),
    second(middle(sessions[Math.max(0, sessions.length - 2)])),
  ];
  await openAt(page, opened);
  await expect(page.locator(`#${firstTalk.id}`)).toHaveAttribute('aria-current', 'time');
  /** The countdown 1.1 s after a jump to `at`: a second or two less, as the ticks fall. */
  const countdownAfter = (at: number) => {
    const { remaining } = statusAt(at);
    return new RegExp(`^(${[1, 2, 3].map((d) => isoDuration(remaining! - d)).join('|')})$`);
  };
  // A jump moves Date.now() without running any timer, as a corrected system clock does.
  await page.clock.setSystemTime(ahead);
  await page.clock.runFor(1100);
  await expect(page.locator(`#${lastSession.id}`)).toHaveAttribute('aria-current', 'time');
  await expect(page.locator('.now-bar time.countdown')).toHaveAttribute('datetime', countdownAfter(ahead));
  await page.clock.setSystemTime(back);
  await page.clock.runFor(1100);
  await expect(page.locator(`#${statusAt(back).live}`)).toHaveAttribute('aria-current', 'time');
  await expect(page.locator('.now-bar time.countdown')).toHaveAttribute('datetime', countdownAfter(back));
  await expectProgrammeShown(page);
});

test('a tab hidden for 2 hours shows the right moment as soon as it is shown', async ({ page }) => {
  // Shown again half-way through the last session.
  const shown = second(middle(lastSession));
  await openAt(page, shown - 2 * HOUR);
  const setVisibility = (state: 'hidden' | 'visible') =>
    page.evaluate((state) => {
      Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
      Object.defineProperty(document, 'hidden', { value: state === 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);
  await setVisibility('hidden');
  // Browsers throttle a hidden tab's timers; jumping the clock 2 hours with no timer run is
  // the worst case of that.
  await page.clock.setSystemTime(shown);
  await setVisibility('visible');
  await expectStatus(page, shown);
  await expectProgrammeShown(page);
});

/** A minute before the opening: where the previews below start, an hour a second. */
const dawn = opening - 60_000;
/** Real milliseconds for the preview to reach `at` from `dawn`, at 3600×. */
const realMs = (at: number) => Math.round((at - dawn) / 3600);

test('24 hours at preview speed: nothing grows', async ({ page }) => {
  // From a minute before the opening, an hour a second: the whole meeting and the night
  // after, 24 hours at least.
  await openAt(page, during, `${atQuery(dawn)}&speed=3600`);
  const cdp = await page.context().newCDPSession(page);
  const counters = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const dom = await cdp.send('Memory.getDOMCounters');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return { nodes: dom.nodes, listeners: dom.jsEventListeners, heap: usedSize };
  };
  // Five minutes after the closing: the meeting is over. Then 16 hours more, or what makes
  // up 24, a tick a second on the page's clock.
  const over = realMs(closing + 5 * 60_000);
  await page.clock.runFor(over);
  await expect(page.locator('.now-title')).toHaveText('The meeting has ended');
  const before = await counters();
  await page.clock.runFor(Math.max(16_000, 24_000 - over));
  const after = await counters();
  expect(after.nodes).toBeLessThanOrEqual(before.nodes);
  expect(after.listeners).toBeLessThanOrEqual(before.listeners);
  // The heap may breathe, but not grow with the hours.
  expect(after.heap).toBeLessThan(before.heap * 1.1 + 200_000);
  await expectProgrammeShown(page);
});

test('a whole day at preview speed passes every session in turn', async ({ page }) => {
  await openAt(page, during, `${atQuery(dawn)}&speed=3600`);
  // Before the opening, the middle of every session and of every gap between them (a break
  // listed or not), and after the closing.
  const gap = (i: number) => ({ starts: sessions[i - 1].ends, ends: sessions[i].starts });
  const moments = [
    dawn,
    ...sessions.flatMap((s, i) => (i > 0 && gap(i).starts !== gap(i).ends ? [middle(gap(i)), middle(s)] : [middle(s)])),
    closing + 60_000,
  ];
  const seen: (string | null)[] = [];
  let ran = 0;
  for (const at of moments) {
    await page.clock.runFor(realMs(at) - ran);
    ran = realMs(at);
    seen.push(await liveId(page));
  }
  // Nothing before and after, each session in turn, nothing in a gap the file leaves.
  expect(seen).toEqual(moments.map((at) => statusAt(at).live));
  expect(seen.filter((id) => id !== null)).toEqual(sessions.map((s) => s.id));
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
  '#<script>alert(1)</script>', '#%3Cimg%20src=x%20onerror=alert(1)%3E', `#${firstTalk.id}#${lastSession.id}`, '#🙂', '#' + 'x'.repeat(3000),
  `?lang=zh#${lastSession.id}`, '?delay=1441', '?since=2012-04-03T11:00:00-04:00', '?at=2012-04-03T11:00:00+14:00', '?at=0000-01-01T00:00',
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
const id = firstTalk.id;
corpus.push(
  `#${id}%20`, `#${id.toUpperCase()}`, `#${id}0`, `#${id.slice(0, -1)}`, `#%${id.charCodeAt(0).toString(16)}${id.slice(1)}`,
  `#${lastSession.id}?x=1`, `#${lastSession.id}#${lastSession.id}`,
);

const CHUNK = 20;
for (let start = 0; start < corpus.length; start += CHUNK) {
  const chunk = corpus.slice(start, start + CHUNK);
  test(`hostile addresses ${start + 1}–${start + chunk.length}: no panic, no error, the programme shown`, async ({ page }) => {
    await page.clock.install({ time: during });
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
      if (projector) await openProjector(page, during, query);
      else await openAt(page, during, query);
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
