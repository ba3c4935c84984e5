// The bytes a first visit costs, brotli-compressed as a server would send them, and what
// the six languages add. `npm run bench` prints the same figures per file.
import { test, expect } from '@playwright/test';
import {
  BUDGET_BROTLI_BYTES,
  LANGUAGES_BUDGET_BROTLI_BYTES,
  TRANSLATION_BUDGET_BROTLI_BYTES,
  firstVisit,
  languages,
} from '../../bench/first-visit.mjs';

const sum = (rows: { brotli: number }[]) => rows.reduce((total, r) => total + r.brotli, 0);

test(`a first visit costs at most ${BUDGET_BROTLI_BYTES} bytes brotli, and ${TRANSLATION_BUDGET_BROTLI_BYTES} more in a translation`, () => {
  const files = firstVisit();
  const names = files.map((f) => f.file);
  // index.html, the JS glue, the wasm, the icon.
  expect(names.filter((n) => /\.(js|wasm)$/.test(n))).toHaveLength(2);
  expect(names.some((n) => n.endsWith('.svg'))).toBe(true);
  const english = sum(files);
  expect(english).toBeLessThanOrEqual(BUDGET_BROTLI_BYTES);
  // A reader of a translation also loads its file.
  const translations = languages().filter((l) => l.file.startsWith('lang/'));
  expect(translations).toHaveLength(5);
  for (const file of translations) {
    expect(file.brotli, file.file).toBeLessThanOrEqual(TRANSLATION_BUDGET_BROTLI_BYTES);
  }
});

for (const [path, dist] of [['/', 'dist'], ['/projector/', 'dist/projector']]) {
  test(`${path}: nothing a first visit loads goes uncounted`, async ({ page }) => {
    const loaded = new Set<string>();
    page.on('request', (request) => {
      // Not what the service worker fetches for its offline copy once the page has loaded.
      if (!request.serviceWorker()) loaded.add(new URL(request.url()).pathname.slice(path.length) || 'index.html');
    });
    await page.goto(path);
    await page.waitForLoadState('load');
    // The worker registers once the page has loaded: its file is the offline copy's.
    loaded.delete('sw.js');
    const counted = firstVisit(dist).map((f) => f.file);
    expect([...loaded].filter((file) => !counted.includes(file))).toEqual([]);
    // The app's own files are among what was loaded, so the list is not vacuous.
    expect([...loaded].filter((file) => /\.(js|wasm)$/.test(file))).toHaveLength(2);
  });
}

test(`the six languages' words cost at most ${LANGUAGES_BUDGET_BROTLI_BYTES} bytes brotli together`, () => {
  expect(sum(languages())).toBeLessThanOrEqual(LANGUAGES_BUDGET_BROTLI_BYTES);
});
