// The release bundle in the engines delegates' phones and projector laptops run beside
// Chromium: WebKit (every iPhone's browser is Safari's engine; here WebKitGTK's MiniBrowser)
// and Firefox ESR, driven through WebDriver. What a delegate and an organiser do, in each:
// the phone page before, during, in the break and after the day; a phone in another zone;
// Arabic and Chinese; the projector at two screen sizes with its QR code and timer; running
// late; a calendar file; an offline reload. Neither WebDriver can fake the clock before the
// page's scripts run in WebKit, so the page is opened at an instant with its own preview
// address (`?at=`). Every expectation comes from programme.toml and locales/.
// Run: node --test tests/engines/   (scripts/test does, after the build)
// ENGINES=webkit or ENGINES=firefox runs one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { By } from 'selenium-webdriver';
import { parse } from 'smol-toml';
import { EngineError, setViewport, startDisplay, startFirefox, startWebKit } from './drivers.mjs';
import { serve } from './server.mjs';
import { fitProblems } from '../shared/fits.mjs';
import { farZone } from '../e2e/zones.mjs';

const programme = parse(readFileSync('programme.toml', 'utf8'));
const en = (text, lang = 'en') => (typeof text === 'string' ? text : (text[lang] ?? text.en));
const sessions = programme.session.map((s) => ({ ...s, titles: s.title, title: en(s.title), from: Date.parse(s.starts), to: Date.parse(s.ends) }));
const messages = (lang) => parse(readFileSync(`locales/${lang}.toml`, 'utf8'));
const ZONE = programme.meeting.time_zone;
const MINUTE = 60_000;

/** What is on at `at` with the day running `late` minutes late: the session, or none. */
const liveAt = (at, late = 0) => sessions.find((s) => s.from + late * MINUTE <= at && at < s.to + late * MINUTE) ?? null;
const middle = (s) => (s.from + s.to) / 2;
// The first session with something after it (the only one, for a day of one session).
const firstWithNext = sessions.find((s, i) => s.kind !== 'break' && i + 1 < sessions.length) ?? sessions[0];
// Between sessions: the first break listed, else the first gap the programme leaves.
const pause = sessions.find((s) => s.kind === 'break')
  ?? sessions.slice(1).map((s, i) => ({ from: sessions[i].to, to: s.from })).find((g) => g.from < g.to);
/** The states of the day, each an instant: the rule, not this meeting's clock. */
const STATES = {
  before: sessions[0].from - 30 * MINUTE,
  during: middle(firstWithNext),
  ...(pause ? { break: middle(pause) } : {}),
  after: sessions.at(-1).to + 30 * MINUTE,
};
/** `?at=` for an instant. */
const at = (instant) => `at=${new Date(instant).toISOString().replace('.000Z', 'Z')}`;

const SHOTS = 'test-results/engines';
mkdirSync(SHOTS, { recursive: true });

const wanted = (process.env.ENGINES ?? 'webkit,firefox').split(',');
const ENGINES = [
  ['webkit', (o) => startWebKit(o)],
  ['firefox', (o) => startFirefox(o)],
].filter(([name]) => wanted.includes(name));

let display;
let host;
before(async () => {
  host = await serve('dist');
  if (wanted.includes('webkit')) display = await startDisplay();
});
after(async () => {
  await host?.stop();
  display?.stop();
});

/** Waits for `check` (run in the page) to return true, up to `ms`. */
async function until(driver, check, ms = 10_000, what = String(check)) {
  const end = Date.now() + ms;
  for (;;) {
    if (await driver.executeScript(check)) return;
    if (Date.now() > end) throw new Error(`waited ${ms / 1000} s for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Opens `path` and waits until the app has started (its live bar, or the projector's state). */
async function open(driver, path) {
  await driver.get(host.url + path);
  const ready = path.startsWith('projector/') ? '.pj-state' : '.now-bar .now-state';
  await until(driver, `return !!document.querySelector(${JSON.stringify(ready)})`, 15_000, `${ready} on ${path}`);
}

/** The errors the page recorded (tests/engines/server.mjs): none allowed. */
async function expectNoErrors(driver, where) {
  const errors = await driver.executeScript('return window.__errors');
  assert.ok(Array.isArray(errors), `${where}: the error listener did not run`);
  assert.deepEqual(errors, [], `${where}: the page raised or logged errors`);
}

async function shot(driver, engine, name) {
  writeFileSync(join(SHOTS, `${engine}-${name}.png`), await driver.takeScreenshot(), 'base64');
}

const text = (driver, selector) => driver.executeScript(`return document.querySelector(${JSON.stringify(selector)})?.textContent ?? null`);

for (const [engine, start] of ENGINES) {
  describe(engine, { concurrency: false }, () => {
    let browser;
    before(async () => {
      try {
        browser = await start({ timeZone: ZONE, display: display?.display });
      } catch (error) {
        // One clear line, then the suite fails.
        if (error instanceof EngineError) console.error(`engines: ${error.message}`);
        throw error;
      }
      console.log(`engines: ${browser.version}`);
    });
    after(() => browser?.stop());

    for (const [state, instant] of Object.entries(STATES)) {
      test(`the phone page ${state} the day: the live session, its countdown, what is next`, async () => {
        const { driver } = browser;
        await setViewport(browser, 390, 844, { narrowest: true });
        await open(driver, `?${at(instant)}`);
        const live = liveAt(instant);
        const marked = await driver.executeScript("return [...document.querySelectorAll('.sessions > li[aria-current]')].map((li) => li.id)");
        assert.deepEqual(marked, live ? [live.id] : [], 'the session marked live');
        const countdown = await driver.executeScript("return document.querySelector('.now-bar time.countdown')?.getAttribute('datetime') ?? null");
        if (state === 'after') {
          assert.equal(countdown, null);
          assert.equal(await text(driver, '.now-title'), messages('en').meeting_ended);
        } else {
          assert.match(countdown ?? '', /^PT\d+H\d+M\d+S$/, 'a countdown');
        }
        const next = sessions.find((s) => s.from > instant);
        if (next) assert.ok((await text(driver, '.now-bar')).includes(next.title), `the next session, ${next.title}`);
        await expectNoErrors(driver, state);
        await shot(driver, engine, `phone-${state}`);
      });
    }

    test('what an engine may lack has its fallback: long durations without Intl.DurationFormat, the projector without Wake Lock', async (t) => {
      const { driver } = browser;
      await setViewport(browser, 390, 844, { narrowest: true });
      const has = await driver.executeScript("return { durationFormat: typeof window.Intl.DurationFormat === 'function', wakeLock: 'wakeLock' in navigator }");
      t.diagnostic(`${browser.version}: Intl.DurationFormat ${has.durationFormat ? 'present' : 'missing'}, Wake Lock ${has.wakeLock ? 'present' : 'missing'}`);
      // More than a day before the opening: a countdown in days and hours, with the engine's
      // Intl.DurationFormat and without it.
      const early = sessions[0].from - 26 * 3_600_000 - 5 * MINUTE;
      const written = [];
      for (const without of ['', '&without=DurationFormat']) {
        await open(driver, `?${at(early)}&lang=fr${without}`);
        assert.equal(await driver.executeScript("return typeof window.Intl.DurationFormat === 'function'"), has.durationFormat && !without);
        const countdown = await driver.executeScript("const t = document.querySelector('.now-bar time.countdown'); return t && [t.getAttribute('datetime'), t.textContent]");
        assert.ok(countdown, 'a countdown');
        assert.equal(countdown[0], 'P1DT2H5M0S');
        // Whichever way it is written, it says one day and two hours, in French.
        assert.match(countdown[1], /1\D+2\D/, countdown[1]);
        written.push(countdown[1]);
        await expectNoErrors(driver, `a long countdown${without}`);
      }
      t.diagnostic(`written: ${written.join(' | ')}`);
      // Full screen and staying awake, asked from the keyboard, with and without Wake Lock.
      await setViewport(browser, 1920, 1080);
      for (const without of ['', '&without=wakeLock']) {
        await open(driver, `projector/?${at(STATES.during)}${without}`);
        assert.equal(await driver.executeScript("return 'wakeLock' in navigator"), has.wakeLock && !without);
        await driver.findElement(By.css('body')).sendKeys('f');
        await new Promise((r) => setTimeout(r, 300));
        await expectNoErrors(driver, `the projector in full screen${without}`);
        await driver.executeScript('if (document.fullscreenElement) return document.exitFullscreen()');
        await until(driver, 'return !document.fullscreenElement', 5_000, 'full screen left');
      }
    });

    test('Arabic reads right to left; Chinese has its own words', async () => {
      const { driver } = browser;
      await setViewport(browser, 390, 844, { narrowest: true });
      for (const lang of ['ar', 'zh']) {
        await open(driver, `?${at(STATES.during)}&lang=${lang}`);
        await until(driver, `return document.documentElement.lang === ${JSON.stringify(lang)}`, 10_000, `the page in ${lang}`);
        assert.equal(await driver.executeScript('return document.documentElement.dir'), lang === 'ar' ? 'rtl' : 'ltr');
        assert.equal(await text(driver, '.now-bar .now-state'), messages(lang).now);
        assert.equal(await text(driver, '.now-title'), en(firstWithNext.titles, lang));
        await expectNoErrors(driver, lang);
        await shot(driver, engine, `phone-${lang}`);
      }
    });

    test('running late (?delay=): the live session and its end follow the delay', async () => {
      const { driver } = browser;
      const late = 10;
      // Five minutes into a session that should have started: the one before still runs.
      const second = sessions.find((s, i) => i > 0 && sessions[i - 1].to === s.from) ?? sessions[1] ?? sessions[0];
      const instant = second.from + 5 * MINUTE;
      await open(driver, `?${at(instant)}&delay=${late}`);
      const live = liveAt(instant, late);
      const marked = await driver.executeScript("return [...document.querySelectorAll('.sessions > li[aria-current]')].map((li) => li.id)");
      assert.deepEqual(marked, live ? [live.id] : []);
      assert.ok(await driver.executeScript("return !!document.querySelector('.now-late')"), 'the page says it runs late');
      await expectNoErrors(driver, 'delay');
      await shot(driver, engine, 'phone-late');
    });

    test('an open page follows the room: a published delay and notice, then the day back on time', async () => {
      const { driver } = browser;
      const notice = { en: 'Panel now in Conference Room 4', fr: 'Le débat a lieu dans la salle 4' };
      const publish = (version, minutes, notices) =>
        JSON.stringify({ version, published: new Date().toISOString(), delay: { minutes }, notices });
      host.status.body = publish(1, 10, [{ text: notice }]);
      try {
        await open(driver, '?lang=fr');
        const fr = messages('fr');
        await until(driver, `return document.querySelector('.room-notices')?.textContent === ${JSON.stringify(notice.fr)}`, 15_000, 'the notice, in French');
        const late = fr.running_late.other.replace('{n}', '10');
        assert.equal(await text(driver, '.now-late'), late);
        assert.match(await text(driver, '.room-updated'), new RegExp(fr.room_updated_late.other.split('{time}')[0]));
        // Published again; a page shown again checks at once.
        host.status.body = publish(2, 0, []);
        await driver.executeScript("document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))");
        await until(driver, "return !document.querySelector('.now-late') && document.querySelector('.room-notices').hidden", 15_000, 'back on time, no notice');
        await expectNoErrors(driver, 'room');
        await shot(driver, engine, 'phone-room');
      } finally {
        host.status.body = null;
      }
    });

    test('a calendar file of the whole meeting, read back with ical.js', async () => {
      const { driver } = browser;
      await open(driver, `?${at(STATES.during)}`);
      // The file the page makes, taken as it leaves (the page's policy forbids fetching a
      // blob: address, so the Blob itself is kept); the click then goes on as it would.
      await driver.executeScript(`window.__saved = [];
        const blobs = new Map();
        const create = URL.createObjectURL;
        URL.createObjectURL = (blob) => { const url = create.call(URL, blob); blobs.set(url, blob); return url; };
        const click = HTMLAnchorElement.prototype.click;
        HTMLAnchorElement.prototype.click = function () {
          const blob = this.download && blobs.get(this.href);
          if (blob) {
            const file = { name: this.download, text: null };
            __saved.push(file);
            blob.text().then((t) => { file.text = t; });
          }
          return click.call(this);
        };`);
      await driver.findElement(By.css('.day-actions .take-away')).click();
      await until(driver, 'return window.__saved.length === 1 && window.__saved[0].text !== null', 10_000, 'the calendar file');
      const [file] = await driver.executeScript('return window.__saved');
      assert.match(file.name, /\.ics$/);
      const events = new ICAL.Component(ICAL.parse(file.text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      const listed = sessions.filter((s) => s.kind !== 'break');
      assert.deepEqual(events.map((e) => e.summary), listed.map((s) => s.title));
      assert.deepEqual(events.map((e) => e.startDate.toJSDate().getTime()), listed.map((s) => s.from));
      if (browser.downloads) {
        // Firefox saves it into its own folder, as a phone would: the same file.
        const end = Date.now() + 10_000;
        let saved = [];
        while (Date.now() < end && !(saved = readdirSync(browser.downloads).filter((f) => f === file.name)).length) await new Promise((r) => setTimeout(r, 100));
        assert.equal(readFileSync(join(browser.downloads, saved[0] ?? file.name), 'utf8'), file.text, 'the downloaded file');
      }
      await expectNoErrors(driver, 'calendar');
    });

    for (const [width, height] of [[1920, 1080], [1024, 768]]) {
      test(`the projector at ${width}×${height}: nothing cut off, its QR code read, the timer from the keyboard`, async () => {
        const { driver } = browser;
        await setViewport(browser, width, height);
        await open(driver, `projector/?${at(STATES.during)}`);
        const problems = await driver.executeScript(`return (${fitProblems})()`);
        assert.deepEqual(problems, []);
        assert.equal(await text(driver, '.pj-title'), firstWithNext.title);
        // The QR code as drawn on screen, cut from a screenshot of the page.
        const screen = Buffer.from(await driver.takeScreenshot(), 'base64');
        writeFileSync(join(SHOTS, `${engine}-projector-${width}x${height}.png`), screen);
        const rect = await driver.executeScript("const r = document.querySelector('svg.qr').getBoundingClientRect(); return [r.left, r.top, r.width, r.height, devicePixelRatio]");
        const code = readQr(PNG.sync.read(screen), rect);
        assert.ok(code, 'a readable QR code');
        assert.equal(new URL(code).href, host.url);
        await driver.findElement(By.css('body')).sendKeys(' ');
        await until(driver, "return !!document.querySelector('.pj-timer')", 5_000, 'the intervention timer');
        const minutes = programme.format?.intervention_minutes;
        if (minutes) assert.match(await text(driver, '.pj-timer-digits'), new RegExp(`^${minutes - 1}:5\\d|^${minutes}:00$`));
        await expectNoErrors(driver, `projector ${width}×${height}`);
        await shot(driver, engine, `projector-${width}x${height}-timer`);
      });
    }

    test('after one visit the page reloads with the server gone, where the engine keeps a service worker', async (t) => {
      const { driver } = browser;
      const dir = mkdtempSync(join(tmpdir(), 'nownext-engines-'));
      cpSync('dist', dir, { recursive: true });
      // The page as built: a page changed by the error listener is not what its worker lists.
      const own = await serve(dir, { inject: false });
      try {
        await driver.get(`${own.url}?${at(STATES.during)}`);
        await until(driver, "return !!document.querySelector('.now-bar .now-state')", 15_000, 'the app');
        const kept = await driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
          if (!('serviceWorker' in navigator)) return done('no service workers');
          const late = setTimeout(() => done('no worker within 15 s'), 15000);
          navigator.serviceWorker.ready.then(() => { clearTimeout(late); done('ready'); }, (e) => done(String(e)));`);
        if (kept !== 'ready') {
          t.diagnostic(`${browser.version}: ${kept}; the page works online, as every other test shows`);
          return;
        }
        await driver.get(`${own.url}?${at(STATES.during)}`);
        await until(driver, "return !!document.querySelector('.now-bar .now-state') && !!navigator.serviceWorker.controller", 15_000, 'the page served by its worker');
        await own.stop();
        await driver.get(`${own.url}?${at(STATES.during)}`);
        await until(driver, "return !!document.querySelector('.now-bar .now-state')", 15_000, 'the app, offline');
        const live = liveAt(STATES.during);
        const marked = await driver.executeScript("return [...document.querySelectorAll('.sessions > li[aria-current]')].map((li) => li.id)");
        assert.deepEqual(marked, [live.id]);
        await shot(driver, engine, 'phone-offline');
      } finally {
        await own.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe(`${engine}, a phone set to another zone`, { concurrency: false }, () => {
    // Far from the meeting's zone (Tokyo for New York), often on the other side of midnight.
    const zone = farZone(ZONE, sessions[0].from);
    let browser;
    before(async () => {
      browser = await start({ timeZone: zone, display: display?.display });
    });
    after(() => browser?.stop());

    test('each session shows the reader’s own times beside the meeting’s', async () => {
      const { driver } = browser;
      await setViewport(browser, 390, 844, { narrowest: true });
      await open(driver, `?${at(STATES.during)}`);
      assert.equal(await driver.executeScript('return Intl.DateTimeFormat().resolvedOptions().timeZone'), zone, 'the browser runs in the zone');
      const local = (instant) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
      for (const s of sessions) {
        const yours = await text(driver, `#${CSS_ESCAPE(s.id)} .your-time`);
        assert.ok(yours?.includes(local(s.from)) && yours.includes(local(s.to)), `${s.id}: ${yours}`);
        // The meeting's own times stay as the programme says.
        const when = await text(driver, `#${CSS_ESCAPE(s.id)} .when > time`);
        assert.equal(when, new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(s.from));
      }
      await expectNoErrors(driver, zone);
      await shot(driver, engine, 'phone-elsewhere');
    });
  });
}

describe('an engine that cannot start', () => {
  test('a missing driver or display fails at once with one line that names it', async () => {
    await assert.rejects(startFirefox({ timeZone: ZONE, geckodriver: '/nonexistent/geckodriver' }), (e) =>
      e instanceof EngineError && /^Firefox: \/nonexistent\/geckodriver is missing: geckodriver/.test(e.message) && !e.message.includes('\n'));
    await assert.rejects(startWebKit({ timeZone: ZONE, display: ':0', driver: '/nonexistent/WebKitWebDriver' }), (e) =>
      e instanceof EngineError && /^WebKit: \/nonexistent\/WebKitWebDriver is missing/.test(e.message));
    await assert.rejects(startDisplay({ xvfb: '/nonexistent/Xvfb' }), (e) => e instanceof EngineError && /^no display: \/nonexistent\/Xvfb is missing/.test(e.message));
  });

  test('a driver that starts but never answers fails within its time, naming it', { timeout: 60_000 }, async () => {
    // `sleep` stands for a WebKitWebDriver that hangs: it takes the arguments and never listens.
    await assert.rejects(startWebKit({ timeZone: ZONE, display: ':0', driver: '/usr/bin/sleep' }), (e) =>
      e instanceof EngineError && /WebKitWebDriver (did not answer|exited)/.test(e.message));
  });
});

/** Decodes the QR code inside `[left, top, width, height, scale]` of a screenshot, with a margin. */
function readQr(png, [left, top, width, height, scale]) {
  const margin = 16;
  const x0 = Math.max(0, Math.floor((left - margin) * scale));
  const y0 = Math.max(0, Math.floor((top - margin) * scale));
  const w = Math.min(png.width - x0, Math.ceil((width + 2 * margin) * scale));
  const h = Math.min(png.height - y0, Math.ceil((height + 2 * margin) * scale));
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) data.set(png.data.subarray(((y0 + y) * png.width + x0) * 4, ((y0 + y) * png.width + x0 + w) * 4), y * w * 4);
  return jsQR(data, w, h)?.data ?? null;
}

/** An id as a CSS selector part (ids in programme.toml are URL-safe, so this is for form). */
function CSS_ESCAPE(id) {
  return id.replace(/[^\w-]/g, (c) => `\\${c}`);
}
