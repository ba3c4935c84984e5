// Shared by the end-to-end tests: the programme as the tests read it (straight from
// programme.toml, so the tests follow the file rather than repeat it), and a page fixture
// that fails any test whose page logs an error or throws.
import { test as base, expect, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { parse } from 'smol-toml';
import { fitProblems } from '../shared/fits.mjs';
import { farZone, wallClock } from './zones.mjs';

/** A text of the programme file: the English original alone, or a table by language. */
export type Text = string | Record<string, string>;
/** `text` in `lang`, or in English where the file has no translation. */
export const inLang = (text: Text, lang = 'en') =>
  typeof text === 'string' ? text : (text[lang] ?? text.en);

type RawSession = { id: string; title: Text; topic?: Text; kind?: string; starts: string; ends: string };
export type Session = Omit<RawSession, 'title'> & { title: string; titles: Text };
type Programme = {
  meeting: { title: Text; venue: Text; time_zone: string; background?: Text[] };
  format: { summary: Text; intervention_minutes: number };
  session: RawSession[];
};

export const programme = parse(readFileSync('programme.toml', 'utf8')) as unknown as Programme;
/** The sessions, each with its English `title` and its `titles` in every language. */
export const sessions: Session[] = programme.session.map((s) => ({
  ...s,
  title: inLang(s.title),
  titles: s.title,
}));

/** The six languages, as the page names them. */
export const languages = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Lang = (typeof languages)[number];
export const ms = (rfc3339: string) => new Date(rfc3339).getTime();
export const opening = ms(sessions[0].starts);
export const closing = ms(sessions[sessions.length - 1].ends);

// Pickers: what a test needs from the day, found by rule, so that the tests hold for any
// programme the build accepts (one session or many, breaks or gaps or neither, any zone,
// several days). A test that needs what a programme may lack skips, saying so.

/** The meeting's IANA zone. */
export const zone = programme.meeting.time_zone;
/** The instant `at` on the meeting's wall clock: `{ date, time, rfc3339 }`. */
export const meetingClock = (at: number): { date: string; time: string; rfc3339: string } => wallClock(zone, at);
/** A zone far from the meeting's, for a phone on its owner's home clock. */
export const elsewhere: string = farZone(zone, opening);
/** The meeting's days on its own clock, in order: `2012-04-03`, … */
export const days = [...new Set(sessions.map((s) => s.starts.slice(0, 10)))];
/** The minutes an intervention may last (format.intervention_minutes). */
export const interventionMinutes = programme.format.intervention_minutes;
/** What the intervention timer reads `seconds` after it started: `2:57`, `0:00`. */
export const timerAfter = (seconds: number) => {
  const left = interventionMinutes * 60 - seconds;
  return `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
};

/** Sessions people attend: every entry but the listed breaks. */
export const talks = sessions.filter((s) => s.kind !== 'break');
/** The day's first session; the build refuses a programme that opens with a break. */
export const firstTalk = sessions[0];
/** The day's last session, never a break either. */
export const lastSession = sessions[sessions.length - 1];
/** The entry after `s`, if any. */
export const nextOf = (s: Session): Session | undefined => sessions[sessions.indexOf(s) + 1];
/** The first listed break, if the programme has one. */
export const aBreak = sessions.find((s) => s.kind === 'break');
/** The first time between two sessions: a listed break, else a gap the file leaves. */
export const aPause: { starts: string; ends: string } | undefined =
  aBreak ?? sessions.slice(1).map((s, i) => ({ starts: sessions[i].ends, ends: s.starts })).find((g) => g.starts !== g.ends);
/** The talk with the longest title: the hardest to fit on the projector. */
export const longestTitle = talks.reduce((a, b) => (b.title.length > a.title.length ? b : a));

export const middle = (s: { starts: string; ends: string }) => (ms(s.starts) + ms(s.ends)) / 2;
/** How long `s` lasts, in minutes. */
const duration = (s: Session) => (ms(s.ends) - ms(s.starts)) / 60_000;
/**
 * The session the tests see live: the first of half an hour or more (so that half-way
 * through it is still on with the day running 10 minutes late) with something after it,
 * so the page says what is next; else the first of half an hour; else the longest.
 */
export const liveTalk =
  talks.find((s) => duration(s) >= 30 && nextOf(s)) ??
  talks.find((s) => duration(s) >= 30) ??
  talks.reduce((a, b) => (duration(b) > duration(a) ? b : a));
/** Half-way through `liveTalk`: a moment with a session live. */
export const during = middle(liveTalk);
/**
 * `?at=` for the instant `at`, as a date and a time on the meeting's clock
 * (`?at=2012-04-03T11:30`): the form that holds on any day of the meeting.
 */
export const atQuery = (at: number) => {
  const { date, time } = meetingClock(at);
  return `?at=${date}T${time}`;
};
/** `wall` (`13:00`, as programme.toml writes times) `minutes` later, on the same clock. */
export const wallPlus = (wall: string, minutes: number) => {
  const total = (Number(wall.slice(0, 2)) * 60 + Number(wall.slice(3, 5)) + minutes) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
};

/** The UTC offset an RFC 3339 time is written with (`-04:00`), in ms. */
export const offsetMs = (rfc3339: string) => {
  const offset = rfc3339.slice(-6);
  if (offset.endsWith('Z')) return 0;
  return (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4))) * 60_000;
};
/** How late the day runs: `minutes` added to all not over at `since` (ms), or the whole meeting. */
export type Delay = { minutes: number; since?: number };
/** `s`'s `planned` start or end (seconds) with `delay`; one with a `since` ends with that day. */
function delayed(s: Session, planned: string, delay: Delay) {
  const at = ms(planned) / 1000;
  if (delay.minutes === 0) return at;
  if (delay.since !== undefined) {
    const since = Math.floor(delay.since / 1000);
    const sinceDay = new Date(since * 1000 + offsetMs(s.starts)).toISOString().slice(0, 10);
    if (at <= since || sinceDay !== s.starts.slice(0, 10)) return at;
  }
  return at + delay.minutes * 60;
}
/**
 * What the phone shows at `at` by the rules of the day (src/day/timeline.rs, on whole seconds):
 * the entry marked live (none before or after the day, nor in a gap the file leaves), and
 * the seconds its countdown shows (to the opening, to the end of the entry or the gap; none
 * after the day).
 */
export function statusAt(at: number, delay: Delay = { minutes: 0 }): { live: string | null; remaining: number | null } {
  const t = Math.floor(at / 1000);
  for (const s of sessions) {
    const [starts, ends] = [delayed(s, s.starts, delay), delayed(s, s.ends, delay)];
    if (t < starts) return { live: null, remaining: starts - t };
    if (t < ends) return { live: s.id, remaining: ends - t };
  }
  return { live: null, remaining: null };
}

/** The phone shows what `statusAt` says: the entry marked live, and the countdown. */
export async function expectStatus(page: Page, at: number, delay?: Delay) {
  const { live, remaining } = statusAt(at, delay);
  const current = page.locator('.sessions > li[aria-current]');
  if (live) await expect(current).toHaveAttribute('id', live);
  else await expect(current).toHaveCount(0);
  const countdown = page.locator('.now-bar time.countdown');
  if (remaining === null) {
    await expect(countdown).toHaveCount(0);
    await expect(page.locator('.now-title')).toHaveText('The meeting has ended');
  } else {
    await expect(countdown).toHaveAttribute('datetime', isoDuration(remaining));
  }
}

/** An HTML duration string, every time component written: `PT1H29M59S`, `P1DT2H0M0S`. */
export function isoDuration(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const rest = seconds % 86400;
  const time = `T${Math.floor(rest / 3600)}H${Math.floor((rest % 3600) / 60)}M${rest % 60}S`;
  return days > 0 ? `P${days}D${time}` : `P${time}`;
}

/** Opens the page with the fake clock paused at `at` (ms since the epoch). */
export async function openAt(page: Page, at: number, query = '') {
  await page.clock.install({ time: at - 1000 });
  await page.clock.pauseAt(at);
  await page.goto(`/${query}`);
  await expect(page.locator('.now-bar .now-state')).toBeVisible();
}

/** Opens the projector page with the fake clock paused at `at`. */
export async function openProjector(page: Page, at: number, query = '') {
  await page.clock.install({ time: at - 1000 });
  await page.clock.pauseAt(at);
  await page.goto(`/projector/${query}`);
  await expect(page.locator('.pj-state')).toBeVisible();
}

/** Decodes the QR code on screen with a real QR decoder (jsQR). */
export async function decodeQr(page: Page): Promise<string> {
  const png = PNG.sync.read(await page.locator('svg.qr').screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(code, 'a readable QR code').not.toBeNull();
  return code!.data;
}

/** Nothing scrolls, nothing spills out of its area, nothing leaves the screen. */
export async function expectFits(page: Page) {
  expect(await page.evaluate(fitProblems)).toEqual([]);
}

/** A message's text with its placeholders filled, as the page fills them. */
export function fill(text: string, values: Record<string, string>) {
  return text.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? `{${name}}`);
}

/** The page's messages in `lang`, from locales/<lang>.toml. */
export function messages(lang: string): Record<string, string | Record<string, string>> {
  return parse(readFileSync(`locales/${lang}.toml`, 'utf8')) as Record<string, string | Record<string, string>>;
}

export const test = base.extend<{ failOnErrors: void; expectedErrors: RegExp[] }>({
  // Console errors a test provokes on purpose (a failed request the browser reports).
  expectedErrors: [[], { option: true }],
  failOnErrors: [
    async ({ page, expectedErrors }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => {
        if (!expectedErrors.some((x) => x.test(e.message))) errors.push(`pageerror: ${e.message}`);
      });
      page.on('console', (m) => {
        if (m.type() === 'error' && !expectedErrors.some((e) => e.test(m.text()))) {
          errors.push(`console.error: ${m.text()}`);
        }
      });
      await use();
      expect(errors, 'the page logged errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
