// Lighthouse 12's scores for a page, on its defaults: a mobile phone, simulated Slow 4G and a
// 4× slower CPU, each run in a fresh Chromium with a fresh profile. Scores move from run to
// run on a busy machine, so the run with the median performance score stands for all, as
// Lighthouse's documentation advises.
// Lighthouse has no fake clock. To see the page at its plain address at an instant of the
// meeting's day, its Chromium is driven through Lighthouse's own API with a Puppeteer page
// whose `Date` runs from that instant (an init script, as Playwright's clock installs one);
// timers and every timing Lighthouse takes are left alone. (libfaketime under the whole
// browser was tried: it slowed every clock read of Chromium's and the scores meant nothing.)
import lighthouseRun from 'lighthouse';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_FLAGS } from './perf.mjs';
import { CHROMIUM } from '../tests/e2e/chromium.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

/** Runs in the page before its scripts: `Date` as if the page were opened at `at`. */
function shiftDate(at) {
  const RealDate = Date;
  const offset = at - RealDate.now();
  globalThis.Date = class extends RealDate {
    constructor(...args) {
      super(...(args.length ? args : [RealDate.now() + offset]));
    }
    static now() {
      return RealDate.now() + offset;
    }
  };
}

async function once(url, at) {
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
  try {
    const page = await browser.newPage();
    if (at !== undefined) await page.evaluateOnNewDocument(shiftDate, at);
    const result = await lighthouseRun(url, { output: 'json', logLevel: 'error', onlyCategories: CATEGORIES }, undefined, page);
    const report = result?.lhr;
    if (!report) throw new Error(`lighthouse: no report for ${url}`);
    if (report.runtimeError) throw new Error(`lighthouse: ${report.runtimeError.message}`);
    return report;
  } finally {
    await browser.close();
  }
}

/**
 * `runs` runs on `url`, the page's clock at `at` if given; of the median one: scores out of
 * 100 by category, the metrics behind performance in ms, and the audits that fell short.
 * `performances` lists every run's score.
 */
export async function lighthouse(url, runs = 3, at = undefined) {
  const reports = [];
  for (let i = 0; i < runs; i++) reports.push(await once(url, at));
  const score = (r, category) => Math.round(r.categories[category].score * 100);
  reports.sort((a, b) => score(a, 'performance') - score(b, 'performance'));
  const report = reports[reports.length >> 1];
  const audit = (id) => report.audits[id].numericValue;
  const short = Object.values(report.audits)
    .filter((a) => typeof a.score === 'number' && a.score < 1 && !['informative', 'notApplicable', 'manual'].includes(a.scoreDisplayMode))
    .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
  return {
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, score(report, c)])),
    performances: reports.map((r) => score(r, 'performance')),
    metrics: { fcp: audit('first-contentful-paint'), lcp: audit('largest-contentful-paint'), tbt: audit('total-blocking-time'), cls: audit('cumulative-layout-shift') },
    short,
  };
}
