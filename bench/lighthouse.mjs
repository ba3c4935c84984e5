// Lighthouse 12's scores for a page, on its defaults: a mobile phone, simulated Slow 4G and a
// 4× slower CPU. Run as its CLI, which starts and stops its own Chromium with a fresh profile.
// Scores move from run to run on a busy machine, so the run with the median performance score
// stands for all, as Lighthouse's documentation advises.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CHROMIUM_FLAGS } from './perf.mjs';
import { CHROMIUM } from '../tests/e2e/chromium.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

async function once(url) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['node_modules/lighthouse/cli/index.js', url, '--output=json', '--quiet',
      `--only-categories=${CATEGORIES.join(',')}`, `--chrome-flags=${CHROMIUM_FLAGS.join(' ')}`],
    { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 256 << 20, timeout: 240_000 },
  );
  const report = JSON.parse(stdout);
  if (report.runtimeError) throw new Error(`lighthouse: ${report.runtimeError.message}`);
  return report;
}

/**
 * `runs` runs on `url`; of the median one: scores out of 100 by category, the metrics behind
 * performance in ms, and the audits that fell short. `performances` lists every run's score.
 */
export async function lighthouse(url, runs = 3) {
  const reports = [];
  for (let i = 0; i < runs; i++) reports.push(await once(url));
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
