// Size benchmark: builds the release bundle, then prints what a first visit loads, every
// file raw, gzip and brotli, with totals against the budget. `npm run bench` runs it first,
// through bench/run.mjs, which goes on with timings, memory and Lighthouse.
// Usage: node bench/size.mjs              (builds first)
//        node bench/size.mjs --no-build
import { execFileSync } from 'node:child_process';
import { BUDGET_BROTLI_BYTES, LANGUAGES_BUDGET_BROTLI_BYTES, firstVisit, languages, offlineCopy } from './first-visit.mjs';

if (!process.argv.includes('--no-build')) {
  execFileSync('scripts/build', { stdio: 'inherit' });
}

const table = (title, rows) => {
  const total = { file: 'total', raw: 0, gzip: 0, brotli: 0 };
  for (const r of rows) for (const k of ['raw', 'gzip', 'brotli']) total[k] += r[k];
  const width = Math.max(...rows.map((r) => r.file.length), 5);
  const line = (r) => `${r.file.padEnd(width)} ${[r.raw, r.gzip, r.brotli].map((v) => v.toLocaleString('en-US').padStart(9)).join(' ')}`;
  console.log(`\n${title}\n${'file'.padEnd(width)} ${['raw B', 'gzip B', 'brotli B'].map((h) => h.padStart(9)).join(' ')}`);
  rows.forEach((r) => console.log(line(r)));
  console.log(line(total));
  return total;
};

const phone = table('A phone\'s first visit (dist/index.html and what it loads)', firstVisit('dist'));
table('After the first visit has loaded, the service worker\'s offline copy adds', offlineCopy('dist'));
table('The projector page (dist/projector/index.html and what it loads)', firstVisit('dist/projector'));
const share = ((phone.brotli / BUDGET_BROTLI_BYTES) * 100).toFixed(1);
console.log(`\nphone first visit: ${phone.brotli} B brotli, ${share}% of the ${BUDGET_BROTLI_BYTES} B budget (${phone.brotli <= BUDGET_BROTLI_BYTES ? 'within' : 'OVER'})`);
const words = table('What the six languages cost (each translation is fetched only by a reader who picks it)', languages('dist'));
console.log(`\nsix languages: ${words.brotli} B brotli together, budget ${LANGUAGES_BUDGET_BROTLI_BYTES} B (${words.brotli <= LANGUAGES_BUDGET_BROTLI_BYTES ? 'within' : 'OVER'})`);
