// Shared by the end-to-end tests: the programme as the tests read it (straight from
// programme.toml, so the tests follow the file rather than repeat it), and a page fixture
// that fails any test whose page logs an error or throws.
import { test as base, expect, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { parse } from 'smol-toml';
import { fitProblems } from '../shared/fits.mjs';

/** A text of the programme file: the English original alone, or a table by language. */
export type Text = string | Record<string, string>;
/** `text` in `lang`, or in English where the file has no translation. */
export const inLang = (text: Text, lang = 'en') =>
  typeof text === 'string' ? text : (text[lang] ?? text.en);

type RawSession = { id: string; title: Text; topic?: Text; kind?: string; starts: string; ends: string };
export type Session = Omit<RawSession, 'title'> & { title: string; titles: Text };
type Programme = {
  meeting: { title: Text; venue: Text; time_zone: string };
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
