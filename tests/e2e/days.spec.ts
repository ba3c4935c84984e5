// A meeting of several days, whatever programme.toml holds: scripts/test builds
// tests/fixtures/programmes/two-days.toml into target/dist-days, served on port 4177. A heading
// per day, the page opening at the day it is, the night between two days with its countdown,
// on the phone and the projector; a preview with a date, print, the calendar, a delay that
// ends with its day, the replay. Expectations come from that fixture file.
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import ICAL from 'ical.js';
import { parse } from 'smol-toml';
import { test, expect, isoDuration, ms, inLang, openAt, openProjector } from './support';
import { wallTime as wall } from './programme';
import { wallClock } from './zones.mjs';

const FILE = 'tests/fixtures/programmes/two-days.toml';
type Entry = { id: string; kind?: string; title: string | Record<string, string>; starts: string; ends: string };
const fixture = parse(readFileSync(FILE, 'utf8')) as unknown as { meeting: { time_zone: string }; session: Entry[] };
const zone = fixture.meeting.time_zone;
const title = (s: Entry) => inLang(s.title);
const date = (s: Entry) => s.starts.slice(0, 10);
const dates = [...new Set(fixture.session.map(date))];
const day = (d: string) => fixture.session.filter((s) => date(s) === d);
const [first, second] = [day(dates[0]), day(dates[1])];
const evening = ms(first[first.length - 1].ends) + 2 * 3_600_000;
const morning = second[0];

test.use({ baseURL: 'http://127.0.0.1:4177/', timezoneId: zone });

test.beforeAll(() => {
  expect(dates.length, `${FILE} has several days`).toBeGreaterThan(1);
  // Consecutive days: the night reads "tomorrow".
  expect(ms(`${dates[1]}T00:00:00Z`) - ms(`${dates[0]}T00:00:00Z`)).toBe(86_400_000);
});

test('each day has a heading with its date; on the second day the page opens at it', async ({ page }) => {
  await openAt(page, ms(morning.starts) - 30 * 60_000);
  const headings = page.locator('.day-date');
  await expect(headings).toHaveCount(dates.length);
  for (const [i, d] of dates.entries()) {
    await expect(headings.nth(i)).toHaveAttribute('id', `day-${d}`);
    await expect(headings.nth(i).locator('time')).toHaveAttribute('datetime', d);
    // Each day's list holds that day's sessions, in order.
    const rows = page.locator(`#day-${d} + ol.sessions > li`);
    await expect(rows).toHaveCount(day(d).length);
    for (const [j, s] of day(d).entries()) await expect(rows.nth(j)).toHaveAttribute('id', s.id);
  }
  // Before the second day starts, the page opens at its heading, and nothing is live.
  await expect(page.locator(`#day-${dates[1]}`)).toBeInViewport();
  await expect(page.locator('[aria-current]')).toHaveCount(0);
  // The header gives the first and the last date.
  const where = page.locator('.meeting .where time');
  await expect(where.first()).toHaveAttribute('datetime', dates[0]);
  await expect(where.nth(1)).toHaveAttribute('datetime', dates[dates.length - 1]);
  await page.screenshot({ path: 'test-results/screenshots/days-phone-second-morning.png' });
});

test('during the second day its session is live and in view', async ({ page }) => {
  const s = second.find((e) => e.kind !== 'break') ?? second[0];
  await openAt(page, (ms(s.starts) + ms(s.ends)) / 2);
  await expect(page.locator('[aria-current]')).toHaveAttribute('id', s.id);
  await expect(page.locator(`#${s.id}`)).toBeInViewport();
  await page.screenshot({ path: 'test-results/screenshots/days-phone-second-day.png' });
});

test('overnight the phone says when the meeting resumes and counts down across the night', async ({ page }) => {
  await openAt(page, evening);
  const resumes = `The meeting resumes tomorrow at ${wall(morning.starts)}`;
  await expect(page.locator('.now-title')).toHaveText(resumes);
  await expect(page.locator('.now-state')).toHaveText('Coming up');
  await expect(page.locator('.now-bar time.countdown')).toHaveAttribute('datetime', isoDuration((ms(morning.starts) - evening) / 1000));
  await expect(page.locator('.now-next')).toContainText(title(morning));
  // The evening belongs to the next day: the page opens at it.
  await expect(page.locator(`#day-${dates[1]}`)).toBeInViewport();
  await expect(page.locator('[aria-live=polite]').last()).toContainText(resumes);
  await page.screenshot({ path: 'test-results/screenshots/days-phone-overnight.png' });

  // Past midnight on the meeting's clock, it resumes today.
  const midnight = ms(`${dates[1]}T00:00:00${morning.starts.slice(19)}`);
  await page.clock.runFor(midnight - evening + 60_000);
  await expect(page.locator('.now-title')).toHaveText(`The meeting resumes today at ${wall(morning.starts)}`);
  await expect(page.locator('.now-bar time.countdown')).toHaveAttribute('datetime', isoDuration((ms(morning.starts) - midnight - 60_000) / 1000));

  // At the morning's start, its first session is live.
  await page.clock.runFor(ms(morning.starts) - midnight - 60_000);
  await expect(page.locator('[aria-current]')).toHaveAttribute('id', morning.id);
});

test('the projector says the same overnight, at room scale', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openProjector(page, evening);
  await expect(page.locator('.pj-title')).toHaveText(`The meeting resumes tomorrow at ${wall(morning.starts)}`);
  await expect(page.locator('.pj-now time.countdown')).toHaveAttribute('datetime', isoDuration((ms(morning.starts) - evening) / 1000));
  await expect(page.locator('.pj-next')).toContainText(title(morning));
  await expect(page.locator('.pj-until time').last()).toHaveAttribute('datetime', dates[1]);
  await page.screenshot({ path: 'test-results/screenshots/days-projector-overnight.png' });
});

test('a preview with a date shows that day; a time alone is on the first', async ({ page }) => {
  const s = second[second.length - 1];
  const middle = (ms(s.starts) + ms(s.ends)) / 2;
  const at = wallClock(zone, middle);
  await openAt(page, Date.parse('2030-01-01T12:00:00Z'), `?at=${at.date}T${at.time}&speed=60`);
  await expect(page.locator('[aria-current]')).toHaveAttribute('id', s.id);
  // The same time without a date is on the first day.
  await page.goto(`/?at=${at.time}`);
  const then = ms(`${dates[0]}T${at.time}:00${first[0].starts.slice(19)}`);
  const onFirst = first.find((e) => ms(e.starts) <= then && then < ms(e.ends));
  if (onFirst) await expect(page.locator('[aria-current]')).toHaveAttribute('id', onFirst.id);
  await expect(page.locator(`#${s.id}`)).not.toHaveAttribute('aria-current', 'time');
});

test('print puts each day on its own A4 sheet', async ({ page }) => {
  await openAt(page, ms(first[0].starts) - 3_600_000);
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  expect(doc.numPages).toBe(dates.length);
  for (const [i, d] of dates.entries()) {
    const sheet = await doc.getPage(i + 1);
    const text = (await sheet.getTextContent()).items.map((t) => ('str' in t ? t.str : '')).join(' ');
    for (const s of day(d)) expect(text, `${d}: ${s.id}`).toContain(`${wall(s.starts)}–${wall(s.ends)}`);
    // No session of another day on this sheet (the first also carries the header).
    for (const s of fixture.session.filter((e) => date(e) !== d)) {
      expect(text, `${d}: not ${s.id}`).not.toContain(`${wall(s.starts)}–${wall(s.ends)} ${title(s)}`);
    }
  }
});

test('the whole meeting goes into a calendar, every day', async ({ page }) => {
  await openAt(page, ms(first[0].starts) - 3_600_000);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.day-actions .take-away').click()]);
  const text = readFileSync(await download.path(), 'utf8');
  const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  const talks = fixture.session.filter((s) => s.kind !== 'break');
  expect(events.map((e) => e.startDate.toJSDate().getTime())).toEqual(talks.map((s) => ms(s.starts)));
  expect(events.map((e) => e.endDate.toJSDate().getTime())).toEqual(talks.map((s) => ms(s.ends)));
});

test('a delay on the first day leaves the second on time', async ({ page }) => {
  const s = first.find((e) => e.kind !== 'break' && first.indexOf(e) < first.length - 1) ?? first[0];
  const since = (ms(s.starts) + ms(s.ends)) / 2;
  const sinceText = wallClock(zone, since).rfc3339;
  await openAt(page, since + 60_000, `?delay=15&since=${encodeURIComponent(sinceText)}`);
  const later = first[first.indexOf(s) + 1];
  const shifted = wallClock(zone, ms(later.starts) + 15 * 60_000).time;
  await expect(page.locator(`#${later.id} .when > time`).first()).toHaveText(shifted);
  for (const e of second) {
    await expect(page.locator(`#${e.id} .when > time`).first()).toHaveText(wall(e.starts));
    await expect(page.locator(`#${e.id} .when del`)).toHaveCount(0);
  }
});

test('after the meeting, the replay starts the first day with its date', async ({ page }) => {
  const last = second[second.length - 1];
  await openAt(page, ms(last.ends) + 3_600_000);
  const from = wallClock(zone, ms(first[0].starts) - 60_000);
  const replay = page.locator('.now-bar a.button');
  const href = new URL((await replay.getAttribute('href')) ?? '', page.url());
  expect(href.searchParams.get('at')).toBe(`${from.date}T${from.time}`);
  expect(href.searchParams.get('speed')).toBe('60');
  // It opens a minute before the first day's opening.
  await replay.click();
  await expect(page.locator('.now-title')).toHaveText(title(first[0]));
  await expect(page.locator('.now-bar time.countdown')).toHaveAttribute('datetime', /^PT0H[01]M/);
});

test('in another language the night and the days read in it', async ({ page }) => {
  await openAt(page, evening, '?lang=fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  const fr = parse(readFileSync('locales/fr.toml', 'utf8')) as Record<string, string>;
  await expect(page.locator('.now-title')).toHaveText(fr.resumes_tomorrow.replace('{time}', wall(morning.starts)));
  // The day's heading in French, as the browser's Intl writes the date.
  const heading = new Intl.DateTimeFormat('fr', { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  await expect(page.locator(`#day-${dates[1]}`)).toHaveText(heading.format(ms(morning.starts)));
  // The programme's own French, where the file gives it.
  const titled = fixture.session.find((s) => typeof s.title !== 'string' && 'fr' in s.title);
  if (titled) await expect(page.locator(`#${titled.id} h3`)).toHaveText((titled.title as Record<string, string>).fr);
  await page.screenshot({ path: 'test-results/screenshots/days-phone-overnight-fr.png' });
});
