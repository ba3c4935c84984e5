// How the page behaves over time and with what the address asks for.
import {
  test, expect, sessions, programme, opening, closing, ms, isoDuration, openAt, inLang, firstTalk, liveTalk, lastSession, during,
  days, meetingClock, atQuery, statusAt, expectStatus, offsetMs,
} from './support';

// A session live, half-way through.
const talk = liveTalk;
const middleOfTalk = during;

test('a tick changes only the countdown, progress and clock text', async ({ page }) => {
  await openAt(page, middleOfTalk);
  const row = await page.locator(`#${talk.id}`).elementHandle();
  await page.evaluate(() => {
    const w = window as unknown as { mutations: string[] };
    w.mutations = [];
    new MutationObserver((records) => {
      for (const r of records) {
        const element = r.target instanceof Element ? r.target : r.target.parentElement;
        const where = element?.closest('.now-bar') ? 'now-bar' : element?.closest('.sessions') ? 'list' : 'other';
        w.mutations.push(`${r.type}:${where}:${element?.className || element?.tagName}`);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await page.clock.runFor(5000);
  const countdown = page.locator('.now-bar time.countdown');
  const remaining = (ms(talk.ends) - middleOfTalk) / 1000 - 5;
  await expect(countdown).toHaveAttribute('datetime', isoDuration(remaining));

  const mutations = await page.evaluate(() => (window as unknown as { mutations: string[] }).mutations);
  expect(mutations.length).toBeGreaterThan(0);
  for (const m of mutations) {
    expect(m, 'only the now-bar changes').toMatch(/^(characterData|attributes):now-bar:/);
  }
  expect(await row!.evaluate((el) => el.isConnected && el.getAttribute('aria-current'))).toBe('time');
});

test('the wall clock turns at the minute, not a second before or after', async ({ page }) => {
  // The meeting's wall time of an instant.
  const wall = (at: number) => meetingClock(at).time.slice(0, 5);
  const minute = middleOfTalk - (middleOfTalk % 60_000);
  const clock = page.locator('.now-clock-time');
  await openAt(page, minute - 2000);
  await expect(clock).toHaveText(wall(minute - 60_000));
  await page.clock.runFor(1000);
  await expect(page.locator('.now-bar time.countdown')).toHaveAttribute('datetime', isoDuration((ms(talk.ends) - minute) / 1000 + 1));
  await expect(clock).toHaveText(wall(minute - 60_000));
  await page.clock.runFor(1000);
  await expect(clock).toHaveText(wall(minute));
});

test('the countdown is right after the tab was hidden and shown again', async ({ page }) => {
  await openAt(page, middleOfTalk);
  // Time moves on with no timer firing, as in a throttled background tab: past the end of
  // the session, into what follows it (or the end of the day).
  const shown = ms(talk.ends) + 30 * 60_000;
  await page.clock.setSystemTime(shown);
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expectStatus(page, shown);
});

test('remaining time follows the clock, not the number of ticks', async ({ page }) => {
  await openAt(page, middleOfTalk);
  // A jump with timers firing at most once: a tick counter would be 1 s further, not 20 min.
  await page.clock.fastForward(20 * 60_000);
  await expectStatus(page, middleOfTalk + 20 * 60_000);
});

test('the live session starts and ends on the exact second', async ({ page }) => {
  // A session after another entry where there is one (what was on, or a gap, gives way to
  // it), else the opening.
  const next = sessions.find((s, i) => i > 0 && s.kind !== 'break') ?? firstTalk;
  await openAt(page, ms(next.starts) - 1000);
  const before = statusAt(ms(next.starts) - 1000).live;
  if (before) await expect(page.locator('[aria-current]')).toHaveAttribute('id', before);
  else await expect(page.locator('[aria-current]')).toHaveCount(0);
  await page.clock.runFor(1000);
  await expect(page.locator('[aria-current]')).toHaveAttribute('id', next.id);
  await expect(page.locator('.now-bar time.countdown')).toHaveAttribute(
    'datetime', isoDuration((ms(next.ends) - ms(next.starts)) / 1000));
  await expect(page.locator('[aria-live=polite]')).toHaveText(`Now on: ${next.title}.`);
});

// Real time for the previews: a month after the meeting.
const later = closing + 30 * 86_400_000;
// A whole minute in the first session, on the meeting's first day: what `?at=HH:MM` names.
const previewed = (() => {
  const minute = middleOfTalk - (middleOfTalk % 60_000);
  return meetingClock(minute).date === days[0] ? minute : ms(firstTalk.starts);
})();

test('?at= previews a moment of the day, says so, and links back to real time', async ({ page }) => {
  // The short form: a time of the meeting's first day.
  await openAt(page, later, `?at=${meetingClock(previewed).time}`);
  await expect(page.locator('.preview-badge')).toContainText('Preview');
  await expectStatus(page, previewed);
  await page.locator('.preview-badge a').click();
  await expect(page.locator('.preview-badge')).toHaveCount(0);
  await expect(page.locator('.now-title')).toHaveText('The meeting has ended');
});

test('&speed= runs the preview faster', async ({ page }) => {
  // The long form: an instant with its UTC offset (`+` written %2B in a query).
  await openAt(page, later, `?at=${encodeURIComponent(meetingClock(previewed).rfc3339)}&speed=60`);
  await expect(page.locator('.preview-badge')).toContainText('60× speed');
  await page.clock.runFor(1000);
  await expectStatus(page, previewed + 60_000);
});

for (const query of ['?at=noon', '?at=11:30&speed=fast', '?at=<script>alert(1)</script>', '?at=2012-02-30T10:00&speed=-1']) {
  test(`a bad address (${query}) gives a notice and real time`, async ({ page }) => {
    await openAt(page, middleOfTalk, query);
    await expect(page.locator('.notices li').first()).toContainText('Showing real time');
    await expect(page.locator('.preview-badge')).toHaveCount(0);
    // Real (fake-clock) time: the session half-way through.
    await expect(page.locator('[aria-current]')).toHaveAttribute('id', talk.id);
    await expect(page.locator('.sessions > li')).toHaveCount(sessions.length);
    // Nothing from the address became a script: the body holds none once the app runs.
    expect(await page.locator('body script').count()).toBe(0);
  });
}

test('after the meeting, one tap replays the day', async ({ page }) => {
  await openAt(page, closing + 86_400_000);
  await expect(page.locator('.now-title')).toHaveText('The meeting has ended');
  await page.getByRole('link', { name: 'Replay the day' }).click();
  await expect(page.locator('.preview-badge')).toContainText('60× speed');
  await expect(page.locator('.now-state')).toHaveText('Coming up');
  await expect(page.locator('.now-bar time.countdown')).toHaveAttribute('datetime', 'PT0H1M0S');
  // At 60× one real second is the minute before the opening.
  await page.clock.runFor(1000);
  await expect(page.locator('[aria-current]')).toHaveAttribute('id', sessions[0].id);
  await expect(page.locator('.now-bar time.countdown')).toHaveAttribute(
    'datetime', isoDuration((ms(sessions[0].ends) - opening) / 1000));
});

test.describe('the phone layout', () => {
  test('fits 320 px with no horizontal scroll, and keeps the now-bar in sight', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    // The last session: the far end of the list.
    await openAt(page, ms(lastSession.starts) + 60_000);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.mouse.wheel(0, 3000);
    await expect(page.locator('.now-bar')).toBeInViewport();
    await expect(page.locator('.now-bar time.countdown')).toBeInViewport();
  });

  test('tap targets are at least 44 px high', async ({ page }) => {
    // After the day, in a preview, with a notice: every kind of link and button is there.
    await openAt(page, closing + 60_000, `${atQuery(closing + 3600_000)}&delay=abc`);
    await expect(page.locator('.preview-badge a')).toBeVisible();
    // Every one shown: the offer of a new version waits, hidden, with its button.
    const targets = await page.locator('a:visible, button:visible, summary:visible').all();
    expect(targets.length).toBeGreaterThanOrEqual(4);
    for (const target of targets) {
      const box = await target.boundingBox();
      expect(box!.height, await target.innerText()).toBeGreaterThanOrEqual(44);
    }
  });

  test('background and objective are one tap away', async ({ page }) => {
    await openAt(page, middleOfTalk);
    // The background's first paragraph, or the format's summary where there is none.
    const first = programme.meeting.background?.[0] ?? programme.format.summary;
    const background = page.getByText(inLang(first), { exact: true });
    await expect(background).toBeHidden();
    await page.getByText('About this meeting').click();
    await expect(background).toBeVisible();
    // A part the programme gives has its heading; one it leaves out has none.
    const meeting = programme.meeting as { background?: unknown[]; objective?: unknown[] };
    for (const [name, part] of [['Background', meeting.background], ['Objective', meeting.objective]] as const) {
      await expect(page.getByRole('heading', { name, exact: true }), name).toHaveCount(part?.length ? 1 : 0);
    }
    await expect(page.getByRole('heading', { name: 'Format', exact: true })).toBeVisible();
  });

  test('follows the dark colour scheme', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openAt(page, middleOfTalk);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(14, 22, 32)');
    await page.screenshot({ path: 'test-results/screenshots/phone-dark-middle.png' });
  });
});

test('a browser whose Intl throws still shows the programme, with the offsets it was written in', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Intl.DateTimeFormat.prototype, 'format', {
      get() {
        throw new Error('Intl is broken here');
      },
    });
  });
  await openAt(page, middleOfTalk);
  await expect(page.locator('[aria-current]')).toHaveAttribute('id', talk.id);
  for (const s of sessions) await expect(page.locator(`#${s.id} .when > time`).first()).toHaveText(s.starts.slice(11, 16));
  // The wall clock at the UTC offset the programme file gives for the session.
  const wall = new Date(middleOfTalk + offsetMs(talk.starts)).toISOString().slice(11, 16);
  await expect(page.locator('.now-clock-time')).toHaveText(wall);
});
