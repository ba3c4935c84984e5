// Writes a page's service worker: bundle/sw.js with the page's manifest injected where it
// says `self.__NOWNEXT_MANIFEST` (Workbox's injectManifest pattern), and reads it back.
// The manifest: the files of the page's folder with their SHA-256 as subresource integrity,
// and a version, a hash of them all and of the worker's own code, so that a changed worker
// is a new version with a cache of its own; and where the room's status file is, which is
// never in the list: it changes without a new deployment.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { BundleError } from './error.mjs';

const SOURCE = new URL('./sw.js', import.meta.url);
const INJECTION_POINT = 'self.__NOWNEXT_MANIFEST';

/** bundle/sw.js around its injection point, which it must hold exactly once. */
function template() {
  const parts = readFileSync(SOURCE, 'utf8').split(INJECTION_POINT);
  if (parts.length !== 2) throw new BundleError(`${SOURCE.pathname} must say ${INJECTION_POINT} once, not ${parts.length - 1} times`);
  return parts;
}

export const isPage = (dir) => existsSync(join(dir, 'index.html'));

/**
 * The files of the page in `page`, relative to it: not its worker, nothing of a page inside
 * it, and not the home-screen icons (PNG), which no page loads: the platform fetches them
 * when the page is installed, and phones keep their bytes.
 */
function filesOf(page, dir = page) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return isPage(path) ? [] : filesOf(page, path);
    const file = relative(page, path).split(sep).join('/');
    return file === 'sw.js' || file.endsWith('.png') ? [] : [file];
  });
}

const sri = (bytes) => `sha256-${createHash('sha256').update(bytes).digest('base64')}`;

/**
 * Writes `<page>/sw.js` for the page in the folder `page`, whose status file is at `status`
 * (relative to the page); returns its manifest.
 */
export function writeWorker(page, status) {
  const [before, after] = template();
  const listed = filesOf(page).filter((file) => file !== status).sort();
  const files = Object.fromEntries(listed.map((file) => [file, sri(readFileSync(join(page, file)))]));
  const version = createHash('sha256')
    .update(Object.entries(files).map(([file, hash]) => `${file} ${hash}\n`).join(''))
    .update(before)
    .update(after)
    .digest('hex')
    .slice(0, 16);
  const manifest = { version, files, status };
  writeFileSync(join(page, 'sw.js'), `${before}${JSON.stringify(manifest, null, 1)}${after}`);
  return manifest;
}

/** The manifest the worker of the page in `page` holds; an error if it is not bundle/sw.js's. */
export function readManifest(page) {
  const [before, after] = template();
  const worker = readFileSync(join(page, 'sw.js'), 'utf8');
  if (!worker.startsWith(before) || !worker.endsWith(after)) throw new BundleError(`${page}/sw.js is not bundle/sw.js with a manifest`);
  return JSON.parse(worker.slice(before.length, worker.length - after.length));
}
