// What a delegate takes away: calendar files read back with a real iCalendar parser
// (ical.js), a session's link that opens the page on it, and sharing by share sheet or by
// copying.
import type { Download, Page } from '@playwright/test';
import ICAL from 'ical.js';
import { readFileSync } from 'node:fs';
import {
  test, expect, sessions, programme, ms, inLang, messages, openAt, fill, during, firstTalk, liveTalk, lastSession, talks, days,
} from './support';

// `during` has `liveTalk` live; a link or a share is for the last session (the same, for a
// day of one session).
const live = liveTalk;
const toShare = lastSession;
const attended = talks;

/** The downloaded file's text, after checking its name. */
async function saved(download: Download, name: string) {
  expect(download.suggestedFilename()).toBe(name);
  return readFileSync((await download.path())!, 'utf8');
}

/** RFC 5545's framing: CRLF line ends, no line over 75 octets. */
function expectWellFramed(text: string) {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  for (const line of text.split('\r\n')) {
    expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
  }
}

function events(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

async function download(page: Page, click: () => Promise<void>) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return file;
}

test('one session into a calendar: its times, title and venue', async ({ page }) => {
  // One with a topic where there is one, to find it in the description.
  const session = talks.find((s) => s.topic) ?? live;
  await openAt(page, during);
  const file = await download(page, () => page.locator(`#${session.id} .take-away.calendar`).click());
  const text = await saved(file, `${session.id}.ics`);
  expectWellFramed(text);
  const [event, ...more] = events(text);
  expect(more).toHaveLength(0);
  expect(event.summary).toBe(session.title);
  expect(event.location).toBe(inLang(programme.meeting.venue));
  expect(event.startDate.toJSDate().getTime()).toBe(ms(session.starts));
  expect(event.endDate.toJSDate().getTime()).toBe(ms(session.ends));
  // Its id and its day on the meeting's clock, at the page's host.
  expect(event.uid.split('@')[0]).toBe(`${session.id}-${session.starts.slice(0, 10)}`);
  if (session.topic) expect(event.description).toContain(inLang(session.topic));
});

test('the whole meeting, in French and ten minutes late', async ({ page }) => {
  await openAt(page, during, '?lang=fr&delay=10');
  const file = await download(page, () => page.locator('.day-actions .take-away').click());
  // Named for the meeting's first day.
  const text = await saved(file, `meeting-${days[0]}.ics`);
  expectWellFramed(text);
  const found = events(text);
  expect(found.map((e) => e.uid.split('@')[0])).toEqual(attended.map((s) => `${s.id}-${s.starts.slice(0, 10)}`));
  const late = fill((messages('fr').running_late as Record<string, string>).other, { n: '10' });
  for (const [event, session] of found.map((e, i) => [e, attended[i]] as const)) {
    expect(event.summary).toBe(inLang(session.titles, 'fr'));
    expect(event.location).toBe(inLang(programme.meeting.venue, 'fr'));
    expect(event.startDate.toJSDate().getTime()).toBe(ms(session.starts) + 10 * 60_000);
    expect(event.endDate.toJSDate().getTime()).toBe(ms(session.ends) + 10 * 60_000);
    expect(event.description.split('\n')[0]).toBe(late);
  }
  expect(text).toContain('SUMMARY;LANGUAGE=fr:');
});

test('a session’s link opens the page on it, marked; a new link moves the mark', async ({ page }) => {
  test.skip(sessions.length < 2, 'the programme has one session: no other to move the mark to');
  await page.clock.install({ time: during - 1000 });
  await page.clock.pauseAt(during);
  // The last session, then the first.
  await page.goto(`/#${lastSession.id}`);
  const last = page.locator(`#${lastSession.id}`);
  const first = page.locator(`#${firstTalk.id}`);
  await expect(last).toHaveClass(/marked/);
  await expect(last).toBeInViewport();
  // The live mark is where it was.
  await expect(page.locator(`#${live.id}`)).toHaveAttribute('aria-current', 'time');
  await page.evaluate((id) => { location.hash = `#${id}`; }, firstTalk.id);
  await expect(first).toHaveClass(/marked/);
  await expect(last).not.toHaveClass(/marked/);
  await expect(first).toBeInViewport();
});

// Nothing, markup, and a session's id with a character more.
for (const hash of ['#nothing', '#%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', '#<b>x</b>', '#', `#${live.id}"`]) {
  test(`a fragment that names no session (${hash}) marks nothing`, async ({ page }) => {
    await openAt(page, during, hash);
    await expect(page.locator('.marked')).toHaveCount(0);
    await expect(page.locator('img, b')).toHaveCount(0);
    await expect(page.locator(`#${live.id}`)).toBeInViewport();
  });
}

test.describe('sharing', () => {
  test('copies the link where there is no share sheet, and says so', async ({ page, context, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.addInitScript(() => {
      // @ts-expect-error: a browser without a share sheet.
      delete Navigator.prototype.share;
    });
    await openAt(page, during, '?lang=es');
    const row = page.locator(`#${toShare.id}`);
    await row.locator('.take-away.share').click();
    await expect(row.locator('.copied')).toHaveText(messages('es').link_copied as string);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(new URL(`/#${toShare.id}`, baseURL).href);
    // The confirmation goes after a few seconds.
    await page.clock.runFor(5000);
    await expect(row.locator('.copied')).toHaveText('');
  });

  test('shows the link to copy by hand where there is neither share sheet nor clipboard', async ({ page, baseURL }) => {
    await page.addInitScript(() => {
      // @ts-expect-error: a page served over plain http has neither.
      delete Navigator.prototype.share;
      Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get: () => undefined });
    });
    await openAt(page, during, '?delay=5');
    await page.locator(`#${toShare.id} .take-away.share`).click();
    await expect(page.locator(`#${toShare.id} .copied`)).toHaveText(new URL(`/?delay=5#${toShare.id}`, baseURL).href);
  });

  test('uses the share sheet where there is one', async ({ page, baseURL }) => {
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'share', {
        configurable: true,
        value: async (data: ShareData) => {
          (window as unknown as { shared: ShareData }).shared = data;
        },
      });
    });
    await openAt(page, during);
    await page.locator(`#${toShare.id} .take-away.share`).click();
    const shared = await page.waitForFunction(() => (window as unknown as { shared?: ShareData }).shared);
    expect(await shared.jsonValue()).toEqual({ title: toShare.title, url: new URL(`/#${toShare.id}`, baseURL).href });
  });

  test('a dismissed share sheet is no error', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'share', {
        configurable: true,
        value: () => {
          (window as unknown as { asked: boolean }).asked = true;
          return Promise.reject(new DOMException('Share canceled', 'AbortError'));
        },
      });
    });
    await openAt(page, during);
    await page.locator(`#${toShare.id} .take-away.share`).click();
    await page.waitForFunction(() => (window as unknown as { asked?: boolean }).asked);
    await page.clock.runFor(500);
    await expect(page.locator(`#${toShare.id} .copied`)).toHaveText('');
  });
});
