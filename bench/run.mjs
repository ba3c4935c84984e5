// The benchmark, in one run: what a first visit loads (bench/size.mjs), cold-load timings,
// main-thread work, memory over 24 hours and Lighthouse's scores at the plain address in each
// state of the day, each for the app and for a static HTML page of the same programme (the
// physical limit), then one table of the figures against their targets. It writes every
// table into docs/benchmark.md, which it owns. Targets are reported, never enforced: timings
// vary with the machine, so a MISS does not fail the run.
// Usage: npm run bench                                    (builds first)
//        npm run bench -- --no-build [--loads=15] [--seconds=60] [--lighthouse-runs=3]
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { BUDGET_BROTLI_BYTES, firstVisit } from './first-visit.mjs';
import { lighthouse } from './lighthouse.mjs';
import { hourOfOnePhone, publishToShown } from './room.mjs';
import { launch, loadTimes, memoryOverHours, workPerFakeSecond, workPerSecond } from './perf.mjs';
import { brotliServer, plainServer } from './servers.mjs';
import { buildUnlessTold, printSizes, sizeTables } from './size.mjs';
import { AT, STATES, TIME_ZONE, wallClock } from './states.mjs';
import { writeStaticPage } from './static-page.mjs';

const option = (name, fallback) => {
  const value = Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  if (!(value >= 1)) throw new Error(`--${name} wants a number of at least 1`);
  return value;
};
// 15 loads: medians of 5 moved the first-paint ratio by 0.2 from run to run.
const loads = option('loads', 15);
const seconds = option('seconds', 60);
const lighthouseRuns = option('lighthouse-runs', 3);

const heading = (title) => console.log(`\n== ${title} ==`);
const B = (n) => `${n.toLocaleString('en-US')} B`;
const ms = (n) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
const ratio = (a, b) => (b ? `${(a / b).toFixed(2)}×` : '–');

// Builds unless --no-build, and prints every file of a first visit, raw, gzip and brotli.
buildUnlessTold();
const sizes = sizeTables();
printSizes(sizes);
const at = wallClock(AT);
/** What each Lighthouse state showed, for the report. */
const lighthouseLines = [];

// Everything started from here is stopped on the way out, whatever happens.
const cleanups = [];
const cleanup = async () => {
  while (cleanups.length) await cleanups.pop()().catch((e) => console.error(`cleanup: ${e.message}`));
};
process.once('SIGINT', () => cleanup().finally(() => process.exit(130)));

const rows = [];
const row = (metric, app, stat, ratioText, target, pass) =>
  rows.push([metric, app, stat, ratioText, target, pass === undefined ? '–' : pass ? 'PASS' : 'MISS']);

try {
  const staticDir = writeStaticPage(AT);
  cleanups.push(async () => rmSync(staticDir, { recursive: true, force: true }));
  const servers = {};
  for (const [name, start, dir] of [
    ['appBr', brotliServer, 'dist'], ['staticBr', brotliServer, staticDir],
    ['app', plainServer, 'dist'], ['static', plainServer, staticDir],
  ]) {
    servers[name] = await start(dir);
    cleanups.push(servers[name].close);
  }

  const sum = (files) => files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const bytes = { app: sum(firstVisit('dist')), static: sum(firstVisit(staticDir)) };
  heading(`The static page (generated from programme.toml, ${at} ${TIME_ZONE} marked live)`);
  console.log(`${staticDir}/index.html: ${B(bytes.static.raw)} raw, ${B(bytes.static.gzip)} gzip, ${B(bytes.static.brotli)} brotli`);
  row('first visit, brotli', B(bytes.app.brotli), B(bytes.static.brotli), ratio(bytes.app.brotli, bytes.static.brotli), `≤ ${B(BUDGET_BROTLI_BYTES)}`, bytes.app.brotli <= BUDGET_BROTLI_BYTES);
  row('first visit, gzip', B(bytes.app.gzip), B(bytes.static.gzip), ratio(bytes.app.gzip, bytes.static.gzip), '', undefined);
  row('first visit, raw', B(bytes.app.raw), B(bytes.static.raw), ratio(bytes.app.raw, bytes.static.raw), '', undefined);

  const browser = await launch();
  cleanups.push(() => browser.close());

  heading(`Cold loads: Slow 4G (1.6 Mbps, 150 ms RTT), 4× slower CPU, 390×844, no cache; median of ${loads}`);
  console.log(`app: the real page at its plain address, Playwright's clock at ${at} ${TIME_ZONE} (a session live); times in ms from navigation.
"brotli": files sent brotli-compressed, as a static host would; "uncompressed": tests/e2e/serve.mjs as it is.`);
  const t = await loadTimes(browser, {
    'app, brotli': servers.appBr.url, 'static, brotli': servers.staticBr.url,
    'app, uncompressed': servers.app.url, 'static, uncompressed': servers.static.url,
  }, loads, console.log);
  for (const [name, r] of Object.entries(t)) console.log(`median ${name}: FCP ${ms(r.fcp)}, live highlighted ${ms(r.live)}`);
  const [appBr, staticBr, app, stat] = Object.values(t);
  row('FCP, brotli (median)', ms(appBr.fcp), ms(staticBr.fcp), ratio(appBr.fcp, staticBr.fcp), '≤ 1.2× static', appBr.fcp <= 1.2 * staticBr.fcp);
  row('live highlighted, brotli (median)', ms(appBr.live), ms(staticBr.live), ratio(appBr.live, staticBr.live), '≤ 1,500 ms', appBr.live <= 1500);
  row('FCP, uncompressed (median)', ms(app.fcp), ms(stat.fcp), ratio(app.fcp, stat.fcp), '', undefined);
  row('live highlighted, uncompressed (median)', ms(app.live), ms(stat.live), ratio(app.live, stat.live), '', undefined);

  // Each page's work per second, measured by `measure` one page at a time, printed as it comes.
  const workOf = async (measure, pages, cpu) => {
    const work = {};
    for (const [name, url] of Object.entries(pages)) {
      const w = (work[name] = await measure(browser, url, { seconds, cpu }));
      console.log(`${name}${cpu ? ', 4× slower CPU' : ''}: all tasks ${ms(w.task)}/s, script ${ms(w.script)}/s, ${w.layouts.toFixed(1)} layouts/s`);
    }
    return work;
  };
  const countdown = 'static with a plain JS countdown';
  const countdownUrl = `${servers.staticBr.url}countdown.html`;
  const preview = `${servers.appBr.url}?at=${at}`;

  heading(`Main-thread work while the countdown runs: ${seconds} s of the fake clock from ${at}, each page in turn`);
  console.log('No frame is drawn while the fake clock runs: this is the work each page does per second, with the harness\'s bookkeeping (the static page has no timer).');
  const fake = await workOf(workPerFakeSecond, { app: servers.appBr.url, static: servers.staticBr.url, [countdown]: countdownUrl }, false);
  const fakeSlow = await workOf(workPerFakeSecond, { app: servers.appBr.url, [countdown]: countdownUrl }, true);
  heading(`Main-thread work per real second, frames drawn: ${seconds} s each, one page at a time`);
  console.log(`app: the preview ?at=${at} on its own clock. Any page whose text changes each second pays for a frame each second (style, layout, paint): the plain JS countdown shows how much.`);
  const real = await workOf(workPerSecond, { app: preview, static: servers.staticBr.url, [countdown]: countdownUrl }, false);
  const realSlow = await workOf(workPerSecond, { app: preview }, true);
  row('main thread per fake-clock second', ms(fake.app.task), ms(fake.static.task), ratio(fake.app.task, fake.static.task), '< 1 ms', fake.app.task < 1);
  row('  of which script', ms(fake.app.script), ms(fake.static.script), '', '', undefined);
  row('  a plain JS countdown instead', '', ms(fake[countdown].task), ratio(fake.app.task, fake[countdown].task), '', undefined);
  row('  on a 4× slower CPU', ms(fakeSlow.app.task), ms(fakeSlow[countdown].task), ratio(fakeSlow.app.task, fakeSlow[countdown].task), '', undefined);
  row('main thread per real second, frames drawn', ms(real.app.task), ms(real.static.task), ratio(real.app.task, real.static.task), '', undefined);
  row('  a plain JS countdown instead', '', ms(real[countdown].task), ratio(real.app.task, real[countdown].task), '', undefined);
  row('  on a 4× slower CPU', ms(realSlow.app.task), '', '', '', undefined);

  heading('Following the room (status.json): one phone for an hour of the fake clock; then a status published while pages are open');
  const hour = await hourOfOnePhone(browser);
  console.log(`one phone, one hour: ${hour.requests} requests, ${hour.notModified} of them 304; ${B(hour.sent)} sent, ${B(hour.received)} received`);
  row('status checks per phone per hour', String(hour.requests), '', '', '', undefined);
  row('  bytes per phone per hour, sent + received', B(hour.sent + hour.received), '', '', '', undefined);
  const shown = await publishToShown(browser);
  for (const [page, s] of Object.entries(shown)) console.log(`published → shown, ${page}: ${s} s`);
  const slowest = Math.max(...Object.values(shown));
  row('published → shown on every page (fake clock)', `${slowest} s`, '', '', '≤ 70 s', slowest <= 70);

  heading(`24 hours of the fake clock from ${at}, every timer firing (GC forced before each reading)`);
  const memory = { app: await memoryOverHours(browser, servers.appBr.url), static: await memoryOverHours(browser, servers.staticBr.url) };
  for (const [name, m] of Object.entries(memory)) {
    for (const at of ['start', 'hour', 'end']) {
      const c = m[at];
      console.log(`${name} ${{ start: `at ${at}`, hour: 'after 1 h', end: 'after 24 h' }[at]}: ${c.nodes} DOM nodes, ${c.listeners} listeners, JS heap ${B(c.heap)}, wasm memory ${c.wasm === null ? '–' : B(c.wasm)}`);
    }
    console.log(`${name}: 24 h simulated in ${m.seconds.toFixed(1)} s`);
  }
  // Growth is counted from the first hour: the app adds one listener after its first ticks, once.
  const span = (m, key, format = String) => `${format(m.hour[key])} → ${format(m.end[key])}`;
  const { app: a, static: s } = memory;
  row('DOM nodes, 1 h → 24 h', span(a, 'nodes'), span(s, 'nodes'), '', 'no growth', a.end.nodes <= a.hour.nodes);
  row('JS event listeners, 1 h → 24 h', span(a, 'listeners'), span(s, 'listeners'), '', 'no growth', a.end.listeners <= a.hour.listeners);
  row('JS heap, 1 h → 24 h', span(a, 'heap', B), span(s, 'heap', B), '', '≤ +10 % or +200 KB',
    a.end.heap - a.hour.heap <= Math.max(0.1 * a.hour.heap, 200_000));
  const wasmFound = a.start.wasm !== null && a.end.wasm !== null;
  row('wasm memory, start → 24 h', wasmFound ? `${B(a.start.wasm)} → ${B(a.end.wasm)}` : 'not found', '', '', 'equal',
    wasmFound ? a.end.wasm === a.start.wasm : undefined);

  await browser.close();

  heading(`Lighthouse 12.2.3: mobile, simulated Slow 4G and 4× CPU, brotli; the app at its plain address in each state of the day (the page's Date set by an init script); median of ${lighthouseRuns} runs`);
  const lh = { static: await lighthouse(servers.staticBr.url, lighthouseRuns) };
  for (const [state, instant] of Object.entries(STATES)) {
    lh[state] = await lighthouse(servers.appBr.url, lighthouseRuns, instant);
  }
  for (const [name, r] of Object.entries(lh)) {
    const m = r.metrics;
    const label = name === 'static' ? 'static' : `app, ${name} (${wallClock(STATES[name])})`;
    const line = `${label}: ${Object.entries(r.scores).map(([k, v]) => `${k} ${v}`).join(', ')}; FCP ${ms(m.fcp)}, LCP ${ms(m.lcp)}, TBT ${ms(m.tbt)}, CLS ${m.cls.toFixed(3)}; performance in each run ${r.performances.join(', ')}`;
    console.log(line);
    lighthouseLines.push(line);
    if (r.short.length) console.log(`  short of full marks: ${r.short.join('; ')}`);
  }
  for (const state of Object.keys(STATES)) {
    const x = lh[state].scores.performance;
    row(`Lighthouse performance, ${state}`, String(x), String(lh.static.scores.performance), ratio(x, lh.static.scores.performance), '≥ 95', x >= 95);
  }
  for (const [category, target] of [['accessibility', 100], ['best-practices', 100], ['seo', 100]]) {
    const worst = Math.min(...Object.keys(STATES).map((state) => lh[state].scores[category]));
    row(`Lighthouse ${category}, lowest state`, String(worst), String(lh.static.scores[category]), '', `= ${target}`, worst >= target);
  }
} finally {
  await cleanup();
}

heading('Summary');
const header = ['metric', 'app', 'static', 'app/static', 'target', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const r of [header, widths.map((w) => '-'.repeat(w)), ...rows]) {
  console.log(r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ').trimEnd());
}

// The report: this run's figures, and nothing typed by hand.
const md = (cells) => `| ${cells.join(' | ')} |`;
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
const chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
const report = [
  '# Benchmark',
  '',
  `Written by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 10)}, at commit ${commit}, with ${chromium}, ${(await import('node:os')).availableParallelism()} cores. Do not edit: run the benchmark again. Timings move from run to run and with what else the machine does; the targets are checked here, never in tests.`,
  '',
  `The app is measured at its plain address, as a newcomer opens it, with the phone's clock at ${at} ${TIME_ZONE} (a session live) unless a row says otherwise; the static page is the same programme as one plain HTML file, the physical limit.`,
  '',
  '## Summary',
  '',
  md(header),
  md(header.map((_, i) => (i === 0 ? '---' : '---:'))),
  ...rows.map(md),
  '',
  '## Lighthouse, by state of the day',
  '',
  ...lighthouseLines.map((line) => `- ${line}`),
  '',
  '## Sizes',
  '',
  ...sizes.tables.flatMap(({ title, rows: files, total }) => [
    `${title}:`,
    '',
    md(['file', 'raw B', 'gzip B', 'brotli B']),
    md(['---', '---:', '---:', '---:']),
    ...[...files, total].map((r) => md([r.file === 'total' ? '**total**' : `\`${r.file}\``, ...[r.raw, r.gzip, r.brotli].map((v) => v.toLocaleString('en-US'))])),
    '',
  ]),
  ...sizes.verdicts.map((v) => `- ${v}`),
  '',
].join('\n');
writeFileSync('docs/benchmark.md', report);
console.log('\nwritten: docs/benchmark.md');
