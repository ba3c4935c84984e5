// Following the room (issue #17): open pages check status.json beside the phone page
// (bundle/page.js, src/day/room/) and follow its delay and notices without a reload. Each test
// has its own server (room-server.mjs), which serves the release bundle and a status file
// the test changes as it goes, with ETags (a 304 when unchanged), errors, or a connection
// cut short. Times
// come from programme.toml; the status files are written here, by the rules of
// docs/status.md.
import type { Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { RoomServer } from './room-server.mjs';
import { test as base, expect, sessions, ms, messages, decodeQr, fill, inLang, meetingClock, statusAt, type Delay, type Session } from './support';

/** What the server answers for status.json. */
type Reply = { body?: string; status?: number; type?: string; cut?: boolean };
type Room = RoomServer & { reply: Reply };

const test = base.extend<{ room: Room }>({
  room: async ({}, use) => {
    const room = await new RoomServer('dist').start();
    await use(room);
    room.stop();
  },
});
// The worker's part has a test of its own, below; elsewhere every check reaches the server.
// A 404, a 503, a cut connection or no network is reported by the browser itself, in the
// console, as a failed load; the page's own errors still fail a test.
test.use({ serviceWorkers: 'block', expectedErrors: [/^Failed to load resource: /] });

/**
 * A session right after another, so a delay moves the live mark from the one to the other;
 * else one after a gap (the delay then moves the mark into the gap), else the opening (back
 * to before the day).
 */
const follows = (s: Session, i: number) => i > 0 && s.kind !== 'break';
const after =
  sessions.find((s, i) => follows(s, i) && s.starts === sessions[i - 1].ends) ?? sessions.find(follows) ?? sessions[0];
/** A minute into `after`, as planned. */
const opened = ms(after.starts) + 60_000;
/** `14:05` on the meeting's clock. */
const wall = (at: number) => meetingClock(at).time.slice(0, 5);
const en = messages('en');
const plural = (key: string, n: number) => fill((en[key] as Record<string, string>)[n === 1 ? 'one' : 'other'], { n: String(n) });

type Notice = { text: string | Record<string, string>; until?: string };
/** Just before `after` was to start: where the delays published below begin. */
const since = ms(after.starts) - 60_000;
const lateBy = (minutes: number): Delay => ({ minutes, since });
/** A status published at `at`, `minutes` late since just before `after` was to start. */
function status(version: number, minutes: number, at: number, notices: Notice[] = []) {
  const delay = minutes ? { minutes, since: new Date(since).toISOString() } : { minutes };
  return JSON.stringify({ version, published: new Date(at).toISOString(), delay, notices });
}

async function open(page: Page, room: Room, path = '') {
  await page.clock.install({ time: opened - 1000 });
  await page.clock.pauseAt(opened);
  await page.goto(`${room.url}${path}`);
  await expect(page.locator(path.startsWith('projector/') ? '.pj-state' : '.now-bar .now-state')).toBeVisible();
  await expect.poll(() => room.asked.length, 'the page checks at once').toBe(1);
}

/**
 * Runs the page's clock past one check, and waits until the server has answered it. The
 * checks come every 60 s ± 10 %, so 70 s may hold two when the first comes early.
 */
async function nextCheck(page: Page, room: Room) {
  const asked = room.asked.length;
  await page.clock.runFor(70_000);
  await expect.poll(() => room.asked.length, 'a check within 70 s').toBeGreaterThan(asked);
}

const live = (page: Page) => page.locator('[aria-current]');
/** The entry marked live at `at`, running `delay` late, is the one `statusAt` names (or none). */
async function expectLive(page: Page, at: number, delay?: Delay) {
  const id = statusAt(at, delay).live;
  if (id) await expect(live(page)).toHaveAttribute('id', id);
  else await expect(live(page)).toHaveCount(0);
}
const late = (page: Page) => page.locator('.now-late');
const updated = (page: Page) => page.locator('.room-updated');

test('a phone follows a delay published after it opened, within 70 seconds, and says so once', async ({ page, room }) => {
  await open(page, room);
  await expect(live(page)).toHaveAttribute('id', after.id);
  await expect(updated(page)).toBeHidden();
  room.reply = { body: status(1, 10, opened + 5_000) };
  await nextCheck(page, room);
  // `after` starts 10 minutes later: what was on before it (nothing, after a gap) is again.
  await expectLive(page, opened + 70_000, lateBy(10));
  expect(statusAt(opened + 70_000, lateBy(10)).live).not.toBe(after.id);
  await expect(late(page)).toHaveText(plural('running_late', 10));
  const line = fill((en.room_updated_late as Record<string, string>).other, { n: '10', time: wall(opened + 5_000) });
  await expect(updated(page)).toHaveText(line);
  // In the live region once: the next checks find the same file and change nothing.
  await expect(updated(page)).toHaveAttribute('role', 'status');
  await nextCheck(page, room);
  await expect(page.locator('.room-updated')).toHaveCount(1);
  await expect(page.locator('.room-checked')).toHaveText(fill(en.room_checked as string, { time: wall(opened + 140_000) }));
  // Back on time.
  room.reply = { body: status(2, 0, opened + 150_000) };
  await nextCheck(page, room);
  await expectLive(page, opened + 210_000);
  await expect(late(page)).toBeHidden();
  await expect(updated(page)).toHaveText(fill(en.room_updated_on_time as string, { time: wall(opened + 150_000) }));
});

test('the projector follows it too, and its QR code keeps one address', async ({ page, room }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await open(page, room, 'projector/');
  const address = await decodeQr(page);
  room.reply = { body: status(1, 10, opened + 5_000, [{ text: 'Panel now in Conference Room 4' }]) };
  await nextCheck(page, room);
  await expect(page.locator('.pj-notices .late')).toHaveText(plural('running_late', 10));
  await expect(page.locator('.pj-notices .room-notices')).toHaveText('Panel now in Conference Room 4');
  // What the delay makes live, if anything: `after` no longer.
  const shown = statusAt(opened + 70_000, lateBy(10)).live;
  if (shown) await expect(page.locator('.pj-now')).toContainText(sessions.find((s) => s.id === shown)!.title);
  else await expect(page.locator('.pj-state-live')).toHaveCount(0);
  expect(await decodeQr(page)).toBe(address);
  expect(new URL(address).search).not.toContain('delay');
});

test('a hidden page asks nothing until it is shown again', async ({ page, room }) => {
  await open(page, room);
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });
  await page.clock.runFor(10 * 60_000);
  await page.waitForTimeout(300);
  expect(room.asked).toHaveLength(1);
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });
  await expect.poll(() => room.asked.length, 'asks at once when shown').toBe(2);
});

test('checks after the first are conditional, and answered 304', async ({ page, room }) => {
  room.reply = { body: status(3, 5, opened - 60_000) };
  await open(page, room);
  for (let i = 0; i < 3; i++) await nextCheck(page, room);
  expect(room.asked).toEqual([200, 304, 304, 304]);
  await expect(late(page)).toHaveText(plural('running_late', 5));
});

test('notices show in the reader\'s language until they end', async ({ page, room }) => {
  const notices = [
    { text: { en: 'Lunch in the Delegates\' Lounge', fr: 'Déjeuner au salon des délégués' } },
    { text: 'Press conference at 16:00', until: new Date(opened + 90_000).toISOString() },
  ];
  room.reply = { body: status(1, 0, opened - 60_000, notices) };
  await open(page, room, '?lang=fr');
  const shown = page.locator('.room-notices');
  await expect(shown).toHaveText(`${inLang(notices[0].text, 'fr')}\n${notices[1].text}`, { useInnerText: true });
  await page.clock.runFor(91_000);
  await expect(shown).toHaveText(inLang(notices[0].text, 'fr'));
});

test('after 5 minutes without reaching the room, the page says its times may be out of date', async ({ page, room }) => {
  room.reply = { status: 404, body: 'not found', type: 'text/plain' };
  await open(page, room);
  const silent = page.locator('.room-silent');
  await page.clock.runFor(4 * 60_000);
  await expect(silent).toBeHidden();
  await page.clock.runFor(61_000);
  await expect(silent).toHaveText(fill(en.room_stale as string, { time: wall(opened) }));
  await expect(page.locator('#' + after.id)).toBeVisible();
  room.reply = { body: status(1, 0, opened) };
  await nextCheck(page, room);
  await expect(silent).toBeHidden();
});

test('a status published after the address\'s delay wins; one published before it does not', async ({ page, room }) => {
  // An old QR code: 5 minutes late since just before `after`; the room said 10 later on.
  room.reply = { body: status(1, 10, opened) };
  await open(page, room, `?delay=5&since=${encodeURIComponent(new Date(since).toISOString())}`);
  await expect(late(page)).toHaveText(plural('running_late', 10));
  // An address newer than anything published keeps its own delay.
  const newer = new Date(opened - 30_000).toISOString();
  room.reply = { body: status(1, 10, opened - 120_000) };
  await page.goto(`${room.url}?delay=5&since=${encodeURIComponent(newer)}`);
  await expect(late(page)).toHaveText(plural('running_late', 5));
});

test('the projector\'s + shows the file to publish; published, every phone follows, and the file goes', async ({ browser, page, room }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await open(page, room, 'projector/');
  await page.keyboard.press('+');
  const publish = page.locator('.pj-publish');
  await publish.locator('summary').click();
  const file = await publish.locator('pre').innerText();
  expect(JSON.parse(file).delay.minutes).toBe(5);
  // The operator publishes exactly that; a phone opened before follows the screen.
  const phone = await browser.newPage({ serviceWorkers: 'block' });
  await phone.clock.install({ time: opened + 1000 });
  await phone.goto(room.url);
  await expect(late(phone)).toBeHidden();
  room.reply = { body: file };
  await phone.clock.runFor(70_000);
  await expect(late(phone)).toHaveText(plural('running_late', 5));
  await nextCheck(page, room);
  await expect(publish).toBeHidden();
  await expect(page.locator('.pj-notices .late')).toHaveText(plural('running_late', 5));
  await phone.close();
});

// Bad input: the page keeps what it had, shows nothing of the file as markup, logs no error
// and keeps the programme on screen.
const good = () => status(5, 10, opened - 60_000, [{ text: 'Panel now in Conference Room 4' }]);
const badInput: [string, () => Reply][] = [
  ['malformed', () => ({ body: '{"version": 6, "delay": {"minutes": 30' })],
  ['truncated in transit', () => ({ body: status(6, 30, opened), cut: true })],
  ['huge', () => ({ body: JSON.stringify({ version: 6, notices: [{ text: 'x'.repeat(200) }], pad: ' '.repeat(100_000) }) })],
  ['JSON of the wrong shape', () => ({ body: '[{"version": 6}]' })],
  ['with unknown fields', () => ({ body: status(6, 30, opened).replace('{', '{"colour": "red", ') })],
  ['a negative delay', () => ({ body: status(6, 30, opened).replace('"minutes":30', '"minutes":-30') })],
  ['an absurd delay', () => ({ body: status(6, 30, opened).replace('"minutes":30', '"minutes":1000000') })],
  ['older than the one applied', () => ({ body: status(4, 30, opened) })],
  ['dated in the far future', () => ({ body: status(6, 30, opened + 24 * 3600_000) })],
  ['an HTML error page in its place', () => ({ body: '<!doctype html><title>Error</title><h1>Server error</h1>', type: 'text/html' })],
  ['missing (404)', () => ({ status: 404, body: 'not found', type: 'text/plain' })],
  ['from a busy host (503)', () => ({ status: 503, body: 'busy', type: 'text/plain' })],
];
for (const [name, reply] of badInput) {
  test(`a status file ${name} changes nothing`, async ({ page, room }) => {
    room.reply = { body: good() };
    await open(page, room);
    await expect(late(page)).toHaveText(plural('running_late', 10));
    room.reply = reply();
    await nextCheck(page, room);
    await page.waitForTimeout(200);
    await expect(late(page)).toHaveText(plural('running_late', 10));
    await expect(page.locator('.room-notices')).toHaveText('Panel now in Conference Room 4');
    await expect(page.locator('.session')).toHaveCount(sessions.length);
  });
}

test('markup or script in a notice is shown as text, never run', async ({ page, room }) => {
  const markup = '<img src=x onerror="document.title=\'owned\'"><script>document.title=\'owned\'</script><b>bold</b>';
  room.reply = { body: status(1, 0, opened, [{ text: markup }]) };
  await open(page, room);
  const shown = page.locator('.room-notices');
  await expect(shown).toHaveText(markup);
  await expect(shown.locator('*')).toHaveCount(0);
  expect(await page.title()).not.toBe('owned');
});

test('offline, the page keeps what it had, and says so after 5 minutes', async ({ page, room, context }) => {
  room.reply = { body: good() };
  await open(page, room);
  await context.setOffline(true);
  await page.clock.runFor(70_000);
  await page.waitForTimeout(300);
  await expect(late(page)).toHaveText(plural('running_late', 10));
  await page.clock.runFor(4 * 60_000);
  await expect(page.locator('.room-silent')).toBeVisible();
  // Back online: asked at once.
  const asked = room.asked.length;
  await context.setOffline(false);
  await expect.poll(() => room.asked.length).toBe(asked + 1);
  await expect(page.locator('.room-silent')).toBeHidden();
});

test.describe('with the service worker', () => {
  test.use({ serviceWorkers: 'allow' });

  /** A page whose worker has fetched a good status, shown again so the worker answers it. */
  async function keptByWorker(page: Page, room: Room) {
    room.reply = { body: good() };
    // On the meeting's clock: a status from the reader's future would be refused.
    await page.clock.install({ time: opened });
    await page.goto(room.url);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await expect(late(page)).toHaveText(plural('running_late', 10));
  }

  test('offline, a reload shows the last status the worker kept, not as news', async ({ page, room, context }) => {
    await keptByWorker(page, room);
    await expect(page.locator('.room-checked')).toBeVisible();
    await context.setOffline(true);
    await page.reload();
    await expect(late(page)).toHaveText(plural('running_late', 10));
    await expect(page.locator('.room-notices')).toHaveText('Panel now in Conference Room 4');
    await expect(page.locator('.room-checked')).toBeHidden();
  });

  test('an HTML error page never replaces the worker\'s last good copy', async ({ page, room, context }) => {
    await keptByWorker(page, room);
    room.reply = { body: '<!doctype html><h1>Oops</h1>', type: 'text/html' };
    await page.reload();
    await expect.poll(() => room.asked.at(-1)).toBe(200);
    await context.setOffline(true);
    await page.reload();
    await expect(late(page)).toHaveText(plural('running_late', 10));
  });

  // Two builds: the programme being built, then the same with its last session moved
  // (tests/e2e/moved-programme.mjs; scripts/test builds it into target/dist-moved).
  test('a new deployment reaches an open page, which offers it and then marks what moved', async ({ page, room }) => {
    test.skip(!existsSync('target/dist-moved/index.html'), 'no target/dist-moved: scripts/test builds it');
    const moved = sessions[sessions.length - 1];
    await page.clock.install({ time: opened });
    await page.goto(room.url);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    const offer = page.locator('.revised');
    await expect(offer).toBeHidden();
    room.deploy('target/dist-moved');
    // The page asks its worker to look for a new version every 5 minutes while shown.
    await page.clock.runFor(5 * 60_000 + 1000);
    await expect(offer).toBeVisible();
    await expect(offer).toContainText(en.programme_updated as string);
    await expect(page.locator(`#${moved.id} .revision-mark`)).toHaveCount(0);
    await offer.getByRole('button', { name: en.show_it as string }).click();
    const mark = page.locator(`#${moved.id} .revision-mark`);
    await expect(mark).toHaveText(fill(en.moved_from as string, { time: moved.starts.slice(11, 16) }));
    await expect(page.locator('.revision-mark')).toHaveCount(1);
    // Marked until seen: the next load shows the programme plainly.
    await page.reload();
    await expect(page.locator(`#${moved.id} h3`)).toBeVisible();
    await expect(page.locator('.revision-mark')).toHaveCount(0);
  });
});
