// Shared by the end-to-end tests: the programme as the tests read it (straight from
// programme.toml, so the tests follow the file rather than repeat it), and a page fixture
// that fails any test whose page logs an error or throws.
import { test as base, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';

export type Session = { id: string; title: string; kind?: string; starts: string; ends: string };
type Programme = { meeting: { title: string; time_zone: string }; session: Session[] };

export const programme = parse(readFileSync('programme.toml', 'utf8')) as unknown as Programme;
export const sessions = programme.session;
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

export const test = base.extend<{ failOnErrors: void }>({
  failOnErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
      });
      await use();
      expect(errors, 'the page logged errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
