// Size benchmark: what a first visit loads, every file raw, gzip and brotli, with totals
// against the budget. `npm run bench` runs it first, through bench/run.mjs, which goes on
// with timings, memory and Lighthouse, and writes every table into docs/benchmark.md.
// Usage: node bench/size.mjs              (builds first)
//        node bench/size.mjs --no-build
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUDGET_BROTLI_BYTES, LANGUAGES_BUDGET_BROTLI_BYTES, firstVisit, languages, offlineCopy } from './first-visit.mjs';

const total = (rows) => {
  const sum = { file: 'total', raw: 0, gzip: 0, brotli: 0 };
  for (const r of rows) for (const k of ['raw', 'gzip', 'brotli']) sum[k] += r[k];
  return sum;
};

/** The size tables, each `{ title, rows, total }`, and what they mean against the budgets. */
export function sizeTables() {
  const tables = [
    ['A phone\'s first visit (dist/index.html and what it loads)', firstVisit('dist')],
    ['After the first visit has loaded, the service worker\'s offline copy adds', offlineCopy('dist')],
    ['The projector page (dist/projector/index.html and what it loads)', firstVisit('dist/projector')],
    ['What the six languages cost (each translation is fetched only by a reader who picks it)', languages('dist')],
  ].map(([title, rows]) => ({ title, rows, total: total(rows) }));
  const phone = tables[0].total.brotli;
  const words = tables[3].total.brotli;
  const verdicts = [
    `phone first visit: ${phone.toLocaleString('en-US')} B brotli, ${((phone / BUDGET_BROTLI_BYTES) * 100).toFixed(1)}% of the ${BUDGET_BROTLI_BYTES.toLocaleString('en-US')} B budget (${phone <= BUDGET_BROTLI_BYTES ? 'within' : 'OVER'})`,
    `six languages: ${words.toLocaleString('en-US')} B brotli together, budget ${LANGUAGES_BUDGET_BROTLI_BYTES.toLocaleString('en-US')} B (${words <= LANGUAGES_BUDGET_BROTLI_BYTES ? 'within' : 'OVER'})`,
  ];
  return { tables, verdicts };
}

/** Prints the tables as text. */
export function printSizes({ tables, verdicts }) {
  for (const { title, rows, total: sum } of tables) {
    const width = Math.max(...rows.map((r) => r.file.length), 5);
    const line = (r) => `${r.file.padEnd(width)} ${[r.raw, r.gzip, r.brotli].map((v) => v.toLocaleString('en-US').padStart(9)).join(' ')}`;
    console.log(`\n${title}\n${'file'.padEnd(width)} ${['raw B', 'gzip B', 'brotli B'].map((h) => h.padStart(9)).join(' ')}`);
    rows.forEach((r) => console.log(line(r)));
    console.log(line(sum));
  }
  console.log(`\n${verdicts.join('\n')}`);
}

/** Builds the bundle unless `--no-build` was given. */
export function buildUnlessTold() {
  if (!process.argv.includes('--no-build')) execFileSync('scripts/build', { stdio: 'inherit' });
}

// Run as a script, not imported by bench/run.mjs.
if (fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  buildUnlessTold();
  printSizes(sizeTables());
}
