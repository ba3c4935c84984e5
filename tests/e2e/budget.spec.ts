// The bytes a first visit costs, brotli-compressed as a server would send them.
// `npm run bench` prints the same figures per file.
import { test, expect } from '@playwright/test';
import { BUDGET_BROTLI_BYTES, firstVisit } from '../../bench/first-visit.mjs';

test(`a first visit costs at most ${BUDGET_BROTLI_BYTES} bytes brotli`, () => {
  const files = firstVisit();
  const names = files.map((f) => f.file);
  // index.html, the JS glue, the wasm, the icon: nothing the page loads goes uncounted.
  expect(names.filter((n) => /\.(js|wasm)$/.test(n))).toHaveLength(2);
  expect(names.some((n) => n.endsWith('.svg'))).toBe(true);
  const total = files.reduce((sum, f) => sum + f.brotli, 0);
  expect(total).toBeLessThanOrEqual(BUDGET_BROTLI_BYTES);
});
