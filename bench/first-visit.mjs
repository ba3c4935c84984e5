// What a first visit loads: dist/index.html and every file it references, with each file's
// size raw, gzip -9 and brotli -q 11 (as a server compressing ahead of time would send it).
// Shared by the size benchmark and the byte-budget test.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

export const BUDGET_BROTLI_BYTES = 90_000;

export function firstVisit(dist = 'dist') {
  // Phones load dist/index.html; the projector page, dist/projector/index.html.
  const html = readFileSync(`${dist}/index.html`, 'utf8');
  const pattern = /(?:href=|src=|from |module_or_path: )["'](?:\.?\/)?([^"'?#]+\.(?:js|wasm|css|svg|png|json|webmanifest))["']/g;
  const files = ['index.html', ...new Set([...html.matchAll(pattern)].map((m) => m[1]))];
  return files.map((file) => {
    const bytes = readFileSync(`${dist}/${file}`);
    return {
      file,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
}
