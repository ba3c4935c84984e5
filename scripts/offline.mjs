// Writes a service worker for each page of a built bundle, so that after one visit the page
// loads and runs with the network off. Run by scripts/build after both Trunk builds:
//   node scripts/offline.mjs dist
//
// Each folder with an index.html is a page: dist/ (the phone page) and dist/projector/. Its
// worker, <page>/sw.js, lists the files of that folder (see filesOf) with their SHA-256, and
// is versioned by a hash of them all. Each page has a worker of its own, so phones never
// download the projector's bundle; the deeper scope wins for projector/.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const dist = process.argv[2];
if (!dist || !existsSync(join(dist, 'index.html'))) {
  console.error('usage: node scripts/offline.mjs <bundle folder with index.html>');
  process.exit(2);
}

const isPage = (dir) => existsSync(join(dir, 'index.html'));
const folders = (dir) => readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(dir, e.name));

/** `dir` if it is a page, and the pages inside it. */
const pages = (dir) => [...(isPage(dir) ? [dir] : []), ...folders(dir).flatMap(pages)];

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

/**
 * The worker. Its choices:
 * - A page load is served by one worker, so by one version: the page's HTML and everything
 *   it loads come from that version's cache (cache first; the network when a file is not
 *   cached or the cache cannot be read). The query and fragment do not count (?at= ?lang=).
 * - A new deployment: on each load the browser fetches sw.js; a changed one installs in the
 *   background (all of its version's files, each checked against its hash, or nothing), then
 *   takes over at once (skipWaiting) so that the next load is the new version entirely. A
 *   page the old version served may still ask for its files (a language picked later): they
 *   are found in the previous version's cache, kept until the version after.
 * - Only same-origin GET requests inside the page's folder are answered; everything else is
 *   left to the browser.
 * - Where there is no WebAssembly (iOS Lockdown Mode), the app never runs: the worker keeps
 *   the page as built and what it loads, not the wasm and the translations.
 */
const worker = (version, files) => `// Written by scripts/offline.mjs; see there.
const VERSION = '${version}';
const FILES = ${JSON.stringify(files, null, 1)};
const SCOPE = self.registration.scope;
// Several bundles may share an origin (one per sub-path): each keeps to its own caches.
const PREFIX = \`nownext \${SCOPE} \`;
const CACHE = PREFIX + VERSION;

/** The file of this page a URL names ('' and 'x/' name their index.html), or null. */
function fileOf(url) {
  const { origin, pathname } = new URL(url);
  const path = origin + pathname;
  if (!path.startsWith(SCOPE)) return null;
  const file = path.slice(SCOPE.length);
  return file === '' || file.endsWith('/') ? \`\${file}index.html\` : file;
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    // A fresh cache: what a failed or earlier install of this version left is not trusted,
    // and the order of creation stays the order of installs (see activate).
    await caches.delete(CACHE);
    const cache = await caches.open(CACHE);
    const wanted = Object.entries(FILES).filter(([file]) => typeof WebAssembly == 'object' || !/\\.wasm$|^lang\\//.test(file));
    try {
      await Promise.all(wanted.map(async ([file, integrity]) => {
        // Refused unless it is this version's file. The HTTP cache first: the visit has just
        // loaded most of them (the page itself by the address it was opened at, \`./\`). The
        // network if that copy is another version's.
        const url = new URL(file, SCOPE);
        const address = file.endsWith('index.html') ? new URL(file.slice(0, -'index.html'.length), SCOPE) : url;
        const response = await fetch(address, { integrity }).catch(() => fetch(address, { cache: 'reload', integrity }));
        // A fresh response: a redirected one cannot answer a navigation.
        const headers = new Headers(response.headers);
        headers.delete('content-encoding');
        headers.delete('content-length');
        await cache.put(url, new Response(await response.blob(), { headers }));
      }));
    } catch (error) {
      await caches.delete(CACHE);
      throw error;
    }
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // Keep this version's cache and the one before it (created last, before this one).
    const others = (await caches.keys()).filter((key) => key.startsWith(PREFIX) && key !== CACHE);
    await Promise.all(others.slice(0, -1).map((key) => caches.delete(key)));
    await self.clients.claim();
  })());
});

async function cached(file) {
  const url = new URL(file, SCOPE);
  if (Object.hasOwn(FILES, file)) return (await caches.open(CACHE)).match(url);
  // Another version's file (hashed names never clash): a page it served asks for it.
  for (const key of await caches.keys()) {
    const response = key.startsWith(PREFIX) && (await (await caches.open(key)).match(url));
    if (response) return response;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const file = request.method === 'GET' ? fileOf(request.url) : null;
  if (file === null) return;
  event.respondWith((async () => {
    try {
      const response = await cached(file);
      if (response) return response;
    } catch {
      // An unreadable cache is no cache.
    }
    return fetch(request);
  })());
});
`;

const sri = (bytes) => `sha256-${createHash('sha256').update(bytes).digest('base64')}`;

for (const page of pages(dist)) {
  const files = Object.fromEntries(filesOf(page).sort().map((file) => [file, sri(readFileSync(join(page, file)))]));
  // The worker's own code counts too: a changed worker is a new version, with a cache of its own.
  const version = createHash('sha256')
    .update(Object.entries(files).map(([file, hash]) => `${file} ${hash}\n`).join(''))
    .update(worker('', files))
    .digest('hex')
    .slice(0, 16);
  writeFileSync(join(page, 'sw.js'), worker(version, files));
  console.log(`offline: ${join(page, 'sw.js')}, version ${version}, ${Object.keys(files).length} files`);
}
