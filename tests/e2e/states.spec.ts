// The page at every moment that matters, on phones set to three time zones: which entry is
// highlighted, what the countdown's machine-readable duration says, which times are shown.
// Each state is screenshotted at 390×844 into test-results/screenshots/.
import { test, expect, sessions, opening, closing, ms, isoDuration, openAt, zone, during } from './support';

type State = { name: string; at: number; live: string | null; remaining: number | null };

const states: State[] = [
  { name: 'before', at: opening - (26 * 3600 + 5 * 60) * 1000, live: null, remaining: 26 * 3600 + 5 * 60 },
  ...sessions.flatMap((s) => [
    { name: `${s.id}-first-second`, at: ms(s.starts), live: s.id, remaining: (ms(s.ends) - ms(s.starts)) / 1000 },
    { name: `${s.id}-middle`, at: (ms(s.starts) + ms(s.ends)) / 2, live: s.id, remaining: (ms(s.ends) - ms(s.starts)) / 2000 },
    { name: `${s.id}-last-second`, at: ms(s.ends) - 1000, live: s.id, remaining: 1 },
  ]),
  { name: 'after', at: closing, live: null, remaining: null },
];

// The meeting's own zone, and two others: one a few hours away, one across midnight from
// most meetings (New York, Zurich and Tokyo for a meeting in New York).
const zones = [zone, ...['Europe/Zurich', 'Asia/Tokyo', 'America/New_York'].filter((z) => z !== zone)].slice(0, 3);

for (const timezoneId of zones) {
  test.describe(`a phone in ${timezoneId}`, () => {
    test.use({ timezoneId });

    for (const state of states) {
      test(`${state.name}`, async ({ page }) => {
        await openAt(page, state.at);

        const current = page.locator('.sessions > li[aria-current]');
        if (state.live) {
          await expect(current).toHaveCount(1);
          await expect(current).toHaveAttribute('id', state.live);
          await expect(current).toHaveAttribute('aria-current', 'time');
          await expect(current).toBeInViewport();
        } else {
          await expect(current).toHaveCount(0);
        }

        const countdown = page.locator('.now-bar time.countdown');
        if (state.remaining === null) {
          await expect(countdown).toHaveCount(0);
          await expect(page.locator('.now-title')).toHaveText('The meeting has ended');
        } else {
          await expect(countdown).toHaveAttribute('datetime', isoDuration(state.remaining));
        }

        // Every entry's times are the meeting's, as <time> with the instant and its offset.
        for (const s of sessions) {
          const times = page.locator(`#${s.id} .when > time`);
          await expect(times.nth(0)).toHaveAttribute('datetime', s.starts);
          await expect(times.nth(1)).toHaveAttribute('datetime', s.ends);
          await expect(times.nth(0)).toHaveText(s.starts.slice(11, 16));
        }

        await page.screenshot({
          path: `test-results/screenshots/phone-${timezoneId.replace('/', '-')}-${state.name}.png`,
        });
      });
    }

    test('shows the viewer’s own times only when they differ, with the day when it differs', async ({ page }) => {
      await openAt(page, during);
      const parts = (at: string, timeZone: string) => {
        const format = (options: Intl.DateTimeFormatOptions) =>
          new Intl.DateTimeFormat('en-GB', { timeZone, ...options }).format(new Date(at));
        return {
          time: format({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
          day: format({ year: 'numeric', month: '2-digit', day: '2-digit' }),
          weekday: format({ weekday: 'short' }),
        };
      };
      /** The viewer's time of `at`, with the weekday when the day differs; null when it reads as the meeting's. */
      const local = (at: string) => {
        const [yours, meeting] = [parts(at, timezoneId), parts(at, zone)];
        if (yours.day !== meeting.day) return `${yours.weekday} ${yours.time}`;
        return yours.time === meeting.time ? null : yours.time;
      };
      for (const s of sessions) {
        const yours = page.locator(`#${s.id} .your-time`);
        const [from, to] = [local(s.starts), local(s.ends)];
        if (from === null) {
          await expect(yours).toHaveCount(0);
        } else {
          await expect(yours).toHaveText(`your time ${from}${to === null ? '' : `–${to}`}`);
        }
      }
      // On the meeting's own clock, never.
      if (timezoneId === zone) await expect(page.locator('.your-time')).toHaveCount(0);
      // Where a session starts on another day on the viewer's clock (a morning in New York
      // is already the next day in Tokyo), the viewer's weekday says so.
      const shifted = sessions.find((s) => parts(s.starts, timezoneId).day !== parts(s.starts, zone).day);
      if (shifted) {
        await expect(page.locator(`#${shifted.id} .your-time`)).toContainText(parts(shifted.starts, timezoneId).weekday);
      }
    });
  });
}
