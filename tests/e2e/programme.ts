// What a reader must find on the phone page, whether the app runs or not: the programme
// as programme.toml has it.
import { expect, type Page } from '@playwright/test';
import { programme, sessions, inLang, messages, type Text } from './support';

const themes = (id: string) =>
  ((programme.session.find((s) => s.id === id) as { themes?: Text[] }).themes ?? []).map((t) => inLang(t));
// The programme file writes each time on the meeting's clock: `2012-04-03T10:00:00-04:00`.
export const wallTime = (rfc3339: string) => rfc3339.slice(11, 16);
const range = (s: { starts: string; ends: string }) => `${wallTime(s.starts)}–${wallTime(s.ends)}`;

/** Every session with its title, its times on the meeting's clock and its themes, and the venue. */
export async function expectWholeProgramme(page: Page) {
  await expect(page.locator('h1')).toHaveText(inLang(programme.meeting.title));
  await expect(page.locator('.venue')).toHaveText(inLang(programme.meeting.venue));
  for (const session of sessions) {
    const row = page.locator(`#${session.id}`);
    await expect(row.locator('h3')).toHaveText(session.title);
    await expect(row.locator('.when')).toContainText(range(session));
    for (const theme of themes(session.id)) await expect(row.locator('.themes')).toContainText(theme);
  }
}

/**
 * The line the page as built shows in the now-bar's place when there are no live times:
 * why (`no-wasm`: the browser has no WebAssembly; `not-started`: it has, but the app
 * failed to start), and only that one.
 */
export async function expectNoLiveLine(page: Page, why: 'no-wasm' | 'not-started') {
  const [shown, hidden, key] = why === 'no-wasm' ? ['.no-live', '.no-start', 'no_live_times'] : ['.no-start', '.no-live', 'not_started'];
  await expect(page.locator(shown).first()).toBeVisible();
  await expect(page.locator(shown).first()).toHaveText(messages('en')[key] as string);
  const others = await page.locator(hidden).all();
  expect(others.length).toBeGreaterThan(0);
  for (const line of others) await expect(line).toBeHidden();
  // No reader's own times will come: no row keeps a line free for them.
  await expect(page.locator('html')).not.toHaveClass(/elsewhere/);
}
