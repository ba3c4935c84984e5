// The bytes a first visit costs, brotli-compressed as a server would send them, and what
// the six languages add. `npm run bench` prints the same figures per file.
import { test, expect } from '@playwright/test';
import {
  BUDGET_BROTLI_BYTES,
  LANGUAGES_BUDGET_BROTLI_BYTES,
  firstVisit,
  languages,
} from '../../bench/first-visit.mjs';

const sum = (rows: { brotli: number }[]) => rows.reduce((total, r) => total + r.brotli, 0);

test(`a first visit costs at most ${BUDGET_BROTLI_BYTES} bytes brotli, in any language`, () => {
  const files = firstVisit();
  const names = files.map((f) => f.file);
  // index.html, the JS glue, the wasm, the icon: nothing the page loads goes uncounted.
  expect(names.filter((n) => /\.(js|wasm)$/.test(n))).toHaveLength(2);
  expect(names.some((n) => n.endsWith('.svg'))).toBe(true);
  const english = sum(files);
  expect(english).toBeLessThanOrEqual(BUDGET_BROTLI_BYTES);
  // A reader of a translation also loads its file.
  const translations = languages().filter((l) => l.file.startsWith('lang/'));
  expect(translations).toHaveLength(5);
  for (const file of translations) {
    expect(english + file.brotli, file.file).toBeLessThanOrEqual(BUDGET_BROTLI_BYTES);
  }
});

test(`the six languages' words cost at most ${LANGUAGES_BUDGET_BROTLI_BYTES} bytes brotli together`, () => {
  expect(sum(languages())).toBeLessThanOrEqual(LANGUAGES_BUDGET_BROTLI_BYTES);
});
