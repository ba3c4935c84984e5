// What a first visit loads, with each file's size raw, gzip -9 and brotli -q 11 (as a server
// compressing ahead of time would send it); and what the six languages cost. Shared by the
// size benchmark and the byte-budget test.
import { readFileSync, readdirSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { parse } from 'smol-toml';
import { all, attribute, readPage } from '../bundle/html.mjs';
import { readManifest } from '../bundle/service-worker.mjs';

// A ceiling against growth: what a first visit cost before the build chain was rebuilt on
// Trunk's own features (issue #18), plus the 3 KB that issue allows, plus 11.5 KB for
// following the room (issue #17), which allowed 4 KB: its commit says what each part costs. `NOWNEXT_NIGHTLY=1` is
// how scripts/setup says nightly builds the wasm, which rebuilds the standard library
// (scripts/build); a stable build has a budget of its own, as large again as the difference.
// `npm run bench` writes what a visit costs now into docs/benchmark.md.
export const BUDGET_BROTLI_BYTES = process.env.NOWNEXT_NIGHTLY === '1' ? 97_420 + 3_000 + 11_500 : 112_125 + 3_000 + 11_500;
// Raised by 1 KB for the room's status messages (issue #17), in six languages.
export const LANGUAGES_BUDGET_BROTLI_BYTES = 16_000;
// What one translation's file may add to a first visit in that language.
export const TRANSLATION_BUDGET_BROTLI_BYTES = 4_000;

const sizes = (file, bytes) => ({
  file,
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

/**
 * What a first visit to the page in `dist` loads: its index.html, what its <link>s name (the
 * icon, the manifest, the glue's preload), and its wasm, which a line of script preloads.
 * Not the home-screen icon, which only installing the page fetches, nor the translations,
 * fetched when a reader picks one. The budget test checks in Chromium that a first visit
 * loads nothing else.
 */
export function firstVisit(dist = 'dist') {
  const linked = all(readPage(`${dist}/index.html`), 'link')
    .filter((link) => attribute(link, 'rel') !== 'apple-touch-icon')
    .map((link) => attribute(link, 'href'))
    .filter((href) => href && !href.startsWith('data:'))
    .map((href) => href.replace(/^\.\//, ''));
  const wasm = readdirSync(dist).filter((file) => file.endsWith('.wasm'));
  return ['index.html', ...new Set([...linked, ...wasm])].map((file) => sizes(file, readFileSync(`${dist}/${file}`)));
}

/**
 * What the page's service worker fetches after a first visit has loaded, for its offline
 * copy: the worker itself and the files the page did not load (the translations).
 */
export function offlineCopy(dist = 'dist') {
  const listed = Object.keys(readManifest(dist).files);
  const loaded = new Set(firstVisit(dist).map((f) => f.file));
  return ['sw.js', ...listed.filter((file) => !loaded.has(file))].map((file) => sizes(file, readFileSync(`${dist}/${file}`)));
}

/**
 * What each language's words cost. English, the original, is in the bundle: its messages
 * (measured alone here) and the programme's texts (there before any translation). Each
 * translation is a file of its own, which only a reader who picks it downloads.
 */
export function languages(dist = 'dist') {
  const english = parse(readFileSync('locales/en.toml', 'utf8'));
  const words = Object.values(english).flatMap((v) => (typeof v === 'string' ? [v] : Object.entries(v).flat()));
  const rows = [sizes('en: messages, in the wasm', Buffer.from(words.join('\u001e')))];
  for (const file of readdirSync(`${dist}/lang`).sort()) {
    rows.push(sizes(`lang/${file}`, readFileSync(`${dist}/lang/${file}`)));
  }
  return rows;
}
