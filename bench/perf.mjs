// Timings and memory in headless Chromium, on a phone's screen: first contentful paint and the
// time until the live session is highlighted on Slow 4G with a 4× slower CPU; main-thread work
// per second while the countdown runs; what the page holds before and after 24 hours.
// The meeting is in the past, so Playwright's clock puts the page in the middle of a session
// (bench/states.mjs): the real page, with no preview badge.
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e/chromium.mjs';
import { AT, TIME_ZONE } from './states.mjs';

export { AT };

// The end-to-end tests' flags; Lighthouse, which starts its own Chromium, needs headless too.
export const CHROMIUM_FLAGS = ['--headless', ...CHROMIUM_ARGS];
// DevTools' "Slow 4G": 1.6 Mbps down, 750 kbps up, 150 ms round trip.
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const CPU_SLOWDOWN = 4;
const HOUR = 3_600_000;
const TIMEOUT = 60_000;

export const launch = () =>
  chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, timeout: TIMEOUT });

// Runs in the page before Playwright's clock replaces `performance` and `requestAnimationFrame`
// (the clock's own init script comes after this one), so it keeps the real ones.
function watch() {
  const perf = performance;
  const raf = requestAnimationFrame.bind(window);
  const bench = (window.__bench = { perf, raf, seen: false, live: 0, wasm: null });
  // Trunk's loader announces the started module with its exports, wasm-bindgen's memory among them.
  addEventListener('TrunkApplicationStarted', (event) => { bench.wasm = event.detail.wasm; });
  // Highlighted = the first frame drawn after `[aria-current]` is in the DOM.
  const observer = new MutationObserver(() => {
    if (bench.seen || !document.querySelector('[aria-current]')) return;
    bench.seen = true;
    observer.disconnect();
    raf(() => { bench.live = perf.now(); });
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-current'] });
}

/**
 * Opens `url` in a fresh context (no cache, no storage). `clock`: 'running' starts Playwright's
 * clock at AT and lets it run at real speed, 'paused' holds it there (as the end-to-end
 * tests' openAt) until the bench moves it, none leaves the page on real time.
 */
async function open(browser, url, { network = false, cpu = false, clock }) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    timezoneId: TIME_ZONE,
    locale: 'en-US',
  });
  context.setDefaultTimeout(TIMEOUT);
  await context.addInitScript(watch);
  if (clock === 'paused') {
    await context.clock.install({ time: AT - 1000 });
    await context.clock.pauseAt(AT);
  } else if (clock === 'running') {
    await context.clock.install({ time: AT });
  }
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (network) await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    if (cpu) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.goto(url, { timeout: TIMEOUT });
    await page.waitForFunction(
      () => window.__bench.live > 0 && window.__bench.perf.getEntriesByName('first-contentful-paint').length > 0,
      null,
      { timeout: TIMEOUT },
    );
    return { context, page, cdp };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/** One cold load on Slow 4G and a 4× slower CPU: FCP and live highlight, ms from navigation. */
async function coldLoad(browser, url) {
  const { context, page } = await open(browser, url, { network: true, cpu: true, clock: 'running' });
  try {
    return await page.evaluate(() => {
      const { perf, live } = window.__bench;
      const fcp = perf.getEntriesByName('first-contentful-paint')[0].startTime;
      // Nothing is on screen before the first contentful paint.
      return { fcp, live: Math.max(live, fcp) };
    });
  } finally {
    await context.close();
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * `loads` cold loads of each page in `urls` ({ name: url }), taken in turn so that a busy
 * machine slows them alike, after one discarded warm-up load each (it also fills the
 * compressing server's cache). Returns { name: { fcp, live } }, medians in ms.
 */
export async function loadTimes(browser, urls, loads, log = () => {}) {
  const runs = Object.fromEntries(Object.keys(urls).map((name) => [name, []]));
  for (const url of Object.values(urls)) await coldLoad(browser, url);
  for (let i = 0; i < loads; i++) {
    for (const [name, url] of Object.entries(urls)) {
      const run = await coldLoad(browser, url);
      runs[name].push(run);
      log(`  ${name} load ${i + 1}/${loads}: FCP ${run.fcp.toFixed(0)} ms, live highlighted ${run.live.toFixed(0)} ms`);
    }
  }
  return Object.fromEntries(Object.entries(runs).map(([name, r]) => [name, {
    fcp: median(r.map((x) => x.fcp)),
    live: median(r.map((x) => x.live)),
  }]));
}

const metrics = async (cdp) =>
  Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));

// Chromium's counters of main-thread tasks (script, style, layout, paint and the rest) and of
// script alone, between two readings, per second of `seconds`.
const workBetween = (before, after, seconds) => {
  const perSecond = (key) => ((after[key] - before[key]) * 1000) / seconds;
  return { task: perSecond('TaskDuration'), script: perSecond('ScriptDuration'), layouts: perSecond('LayoutCount') / 1000 };
};

/**
 * Main-thread time per second while the countdown runs, as the issue asks for it: over
 * `seconds` of Playwright's fake clock from AT, every timer firing, on the machine's CPU
 * (or, with `cpu: true`, 4× slower). The clock moves without the wall clock, so no frame is
 * drawn between ticks: this is the page's own work for each second (script, and any style or
 * layout it forces), with the harness's bookkeeping, which the static page shows alone.
 * Returns ms a simulated second.
 */
export async function workPerFakeSecond(browser, url, { seconds = 60, cpu = false } = {}) {
  const { context, page, cdp } = await open(browser, url, { cpu, clock: 'paused' });
  try {
    // The first ticks add a listener and fill caches once; the steady state is what runs for hours.
    await page.clock.runFor(5_000);
    await cdp.send('Performance.enable');
    const before = await metrics(cdp);
    await page.clock.runFor(seconds * 1000);
    return workBetween(before, await metrics(cdp), seconds);
  } finally {
    await context.close();
  }
}

/**
 * Main-thread time per second of real time while the countdown runs, frames drawn: the app
 * as the preview `?at=` of AT on its own clock, over `seconds`, on the machine's CPU (or 4×
 * slower). Playwright's running clock would cost about 7 ms a second by itself (measured on
 * the static page). Returns ms a second.
 */
export async function workPerSecond(browser, url, { seconds = 60, cpu = true } = {}) {
  const { context, cdp } = await open(browser, url, { cpu });
  try {
    await cdp.send('Performance.enable');
    const before = await metrics(cdp);
    await new Promise((done) => setTimeout(done, seconds * 1000));
    return workBetween(before, await metrics(cdp), seconds);
  } finally {
    await context.close();
  }
}

/**
 * What the page holds at AT, after 1 hour and after `hours` of the fake clock, every timer
 * firing (an hour at a time): DOM nodes, JS event listeners, JS heap after a forced GC (as
 * tests/e2e/faults.spec.ts reads them), and the wasm module's linear memory. The first hour
 * is the baseline for growth: the app adds one listener after its first ticks, once.
 */
export async function memoryOverHours(browser, url, hours = 24) {
  const { context, page, cdp } = await open(browser, url, { clock: 'paused' });
  try {
    const counters = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const dom = await cdp.send('Memory.getDOMCounters');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      const wasm = await page.evaluate(() => window.__bench.wasm?.memory.buffer.byteLength ?? null);
      return { nodes: dom.nodes, listeners: dom.jsEventListeners, heap: usedSize, wasm };
    };
    const snapshots = { start: await counters() };
    const started = Date.now();
    for (let h = 1; h <= hours; h++) {
      await page.clock.runFor(HOUR);
      if (h === 1) snapshots.hour = await counters();
    }
    snapshots.end = await counters();
    return { ...snapshots, seconds: (Date.now() - started) / 1000 };
  } finally {
    await context.close();
  }
}
