// The engines beside Chromium, driven through WebDriver (selenium-webdriver): WebKitGTK's
// MiniBrowser, Safari's engine, under an Xvfb display this module starts; and Firefox ESR,
// headless, through geckodriver. Each start either gives a driver within a bounded time or
// fails with one line that names what did not start.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Builder } from 'selenium-webdriver';
import BrowsingContext from 'selenium-webdriver/bidi/browsingContext.js';
import firefox from 'selenium-webdriver/firefox.js';

export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const FIREFOX = '/usr/bin/firefox-esr';
export const GECKODRIVER = process.env.GECKODRIVER ?? join(process.env.HOME ?? '/root', '.cache/nownext/geckodriver/bin/geckodriver');
const START_TIMEOUT = 30_000;

/** An engine that cannot be used: the suite stops with this line. */
export class EngineError extends Error {}

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

/** Resolves once `url` answers, or rejects after `ms` naming `what`. */
async function answers(url, ms, what, process) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (process?.exitCode !== null && process?.exitCode !== undefined) throw new EngineError(`${what} exited with ${process.exitCode} before it answered`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new EngineError(`${what} did not answer at ${url} within ${ms / 1000} s`);
}

/** Bounds a promise: an engine that hangs fails instead. */
const within = (promise, ms, what) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new EngineError(`${what} did not start within ${ms / 1000} s`)), ms))]);

/** A display for WebKitGTK: an Xvfb server of its own, large enough for 1920×1080 plus the toolbar. */
export async function startDisplay({ xvfb: binary = '/usr/bin/Xvfb' } = {}) {
  if (!existsSync(binary)) throw new EngineError(`no display: ${binary} is missing (Debian package xvfb; scripts/setup installs it)`);
  for (let n = 90; n < 110; n++) {
    if (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) continue;
    const xvfb = spawn(binary, [`:${n}`, '-screen', '0', '2560x1600x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    const until = Date.now() + 10_000;
    while (Date.now() < until && xvfb.exitCode === null && !existsSync(`/tmp/.X11-unix/X${n}`)) await new Promise((r) => setTimeout(r, 50));
    if (existsSync(`/tmp/.X11-unix/X${n}`)) return { display: `:${n}`, stop: () => xvfb.kill() };
    xvfb.kill();
  }
  throw new EngineError('no display: Xvfb did not start on any of :90–:109');
}

const version = (command, args) => spawnSync(command, args, { encoding: 'utf8' }).stdout.trim();

/** WebKitGTK's MiniBrowser, its clock in `timeZone`, on `display`. */
export async function startWebKit({ timeZone, display, driver: webkitDriver = WEBKIT_DRIVER }) {
  for (const [file, what] of [[webkitDriver, 'WebKitWebDriver (Debian package webkit2gtk-driver)'], [MINIBROWSER, 'MiniBrowser (Debian package webkit2gtk-driver)']]) {
    if (!existsSync(file)) throw new EngineError(`WebKit: ${file} is missing: ${what}; scripts/setup installs it`);
  }
  const port = await freePort();
  const server = spawn(webkitDriver, [`--port=${port}`], { env: { ...process.env, DISPLAY: display, TZ: timeZone }, stdio: 'ignore' });
  const stop = () => server.kill();
  try {
    await answers(`http://127.0.0.1:${port}/status`, START_TIMEOUT, 'WebKitWebDriver', server);
    const driver = await within(
      new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      }).build(),
      START_TIMEOUT,
      'WebKit (MiniBrowser)',
    );
    return { driver, name: 'webkit', version: `WebKitGTK ${version('pkg-config', ['--modversion', 'webkit2gtk-4.1']) || (await driver.getCapabilities()).get('browserVersion')}`, stop: async () => { await driver.quit().catch(() => {}); stop(); } };
  } catch (error) {
    stop();
    throw error instanceof EngineError ? error : new EngineError(`WebKit (MiniBrowser) did not start: ${String(error.message).split('\n')[0]}`);
  }
}

/** Firefox ESR, headless, its clock in `timeZone`, saving downloads into a folder of its own. */
export async function startFirefox({ timeZone, geckodriver = GECKODRIVER }) {
  for (const [file, what] of [[FIREFOX, 'Firefox ESR (Debian package firefox-esr)'], [geckodriver, 'geckodriver (cargo install geckodriver)']]) {
    if (!existsSync(file)) throw new EngineError(`Firefox: ${file} is missing: ${what}; scripts/setup installs it`);
  }
  const downloads = mkdtempSync(join(tmpdir(), 'nownext-firefox-downloads-'));
  // WebDriver BiDi, for an exact viewport: a headless window cannot be narrower than 500 px.
  const options = new firefox.Options().setBinary(FIREFOX).addArguments('-headless').enableBidi();
  options.setPreference('browser.download.folderList', 2);
  options.setPreference('browser.download.dir', downloads);
  options.setPreference('browser.download.useDownloadDir', true);
  options.setPreference('browser.download.always_ask_before_handling_new_types', false);
  try {
    // Firefox takes its zone from geckodriver's environment (moz:firefoxOptions.env did not
    // reach it here).
    const driver = await within(
      new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(new firefox.ServiceBuilder(geckodriver).setEnvironment({ ...process.env, TZ: timeZone })).build(),
      START_TIMEOUT,
      'Firefox (geckodriver)',
    );
    const caps = await driver.getCapabilities();
    const context = await BrowsingContext(driver, { browsingContextId: await driver.getWindowHandle() });
    return {
      driver,
      name: 'firefox',
      version: `Firefox ${caps.get('browserVersion')}`,
      downloads,
      viewport: (width, height) => context.setViewport(width, height),
      stop: () => driver.quit().catch(() => {}),
    };
  } catch (error) {
    throw error instanceof EngineError ? error : new EngineError(`Firefox (geckodriver) did not start: ${String(error.message).split('\n')[0]}`);
  }
}

/**
 * Sets the page's viewport (not the window) to `width`×`height`: the window is sized, then
 * corrected by what the browser's own frame takes. Returns the size it got: a window may
 * not be made narrower than its toolbar (WebKitGTK's MiniBrowser stops at about 447 CSS
 * pixels), which only `narrowest` accepts.
 */
export async function setViewport({ driver, viewport }, width, height, { narrowest = false } = {}) {
  if (viewport) {
    await viewport(width, height);
    const got = await driver.executeScript('return [innerWidth, innerHeight]');
    if (got[0] !== width || got[1] !== height) throw new Error(`the viewport is ${got[0]}×${got[1]}, not ${width}×${height}`);
    return { width, height };
  }
  // A window manager may apply a size a moment after WebDriver returns: wait for it.
  const resize = async (rect) => {
    await driver.manage().window().setRect(rect);
    const end = Date.now() + 2_000;
    let last = '';
    while (Date.now() < end) {
      const now = JSON.stringify(await driver.executeScript('return [innerWidth, innerHeight]'));
      if (now === last) return JSON.parse(now);
      last = now;
      await new Promise((r) => setTimeout(r, 100));
    }
    return JSON.parse(last);
  };
  let [w, h] = await resize({ width, height });
  for (let i = 0; i < 3 && (w !== width || h !== height); i++) {
    const rect = await driver.manage().window().getRect();
    [w, h] = await resize({ width: rect.width + width - w, height: rect.height + height - h });
  }
  if (h !== height || (w !== width && !(narrowest && w > width && w < 460))) {
    throw new Error(`the viewport is ${w}×${h}, not ${width}×${height}`);
  }
  return { width: w, height: h };
}
