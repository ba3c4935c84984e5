// The service worker of one page (the phone page, or the projector's): after one visit the
// page loads and runs with the network off. The finishing step (bundle/finish.mjs) writes a
// copy of this file beside each page as sw.js, with the manifest injected at its injection
// point below, as Workbox's injectManifest does: the page's files with their SHA-256, and a
// version made of them and of this code.
//
// Its choices:
// - A page load is served by one worker, so by one version: the page's HTML and everything
//   it loads come from that version's cache (cache first; the network when a file is not
//   cached or the cache cannot be read). The query and fragment do not count (?at= ?lang=).
// - A new deployment: on each load the browser fetches sw.js; a changed one installs in the
//   background (all of its version's files, each checked against its hash, or nothing), then
//   takes over at once (skipWaiting) so that the next load is the new version entirely. A
//   page the old version served may still ask for its files (a language picked later): they
//   are found in the previous version's cache, kept until the version after.
// - Only same-origin GET requests inside the page's folder are answered, and the room's
//   status file; everything else is left to the browser.
// - The status file (status.json, beside the phone page, changed without a new deployment):
//   the network first, waiting a few seconds, then the last good copy, marked as a copy
//   (x-nownext-from-cache) so the page does not take it for news; also when the network
//   answers with an error. With no copy: a 204 when offline or the file is missing. A good
//   copy is a 200 whose body is a JSON object; an HTML error page never replaces it.
// - Where there is no WebAssembly (iOS Lockdown Mode), the app never runs: the worker keeps
//   the page as built and what it loads, not the wasm and the translations.
const { version: VERSION, files: FILES, status: STATUS_FILE } = self.__NOWNEXT_MANIFEST;
const SCOPE = self.registration.scope;
// Several bundles may share an origin (one per sub-path): each keeps to its own caches.
const PREFIX = `nownext ${SCOPE} `;
const CACHE = PREFIX + VERSION;
// Outside PREFIX: a new version keeps the last good status.
const STATUS = new URL(STATUS_FILE, SCOPE).href;
const STATUS_CACHE = `nownext-status ${SCOPE}`;
const STATUS_WAIT_MS = 4000;

/** The file of this page a URL names ('' and 'x/' name their index.html), or null. */
function fileOf(url) {
  const { origin, pathname } = new URL(url);
  const path = origin + pathname;
  if (!path.startsWith(SCOPE)) return null;
  const file = path.slice(SCOPE.length);
  return file === '' || file.endsWith('/') ? `${file}index.html` : file;
}

/** What the app alone needs, which a browser without WebAssembly never loads. */
const appOnly = (file) => file.endsWith('.wasm') || file.startsWith('lang/');

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    // A fresh cache: what a failed or earlier install of this version left is not trusted,
    // and the order of creation stays the order of installs (see activate).
    await caches.delete(CACHE);
    const cache = await caches.open(CACHE);
    const wanted = Object.entries(FILES).filter(([file]) => typeof WebAssembly == 'object' || !appOnly(file));
    try {
      await Promise.all(wanted.map(async ([file, integrity]) => {
        // Refused unless it is this version's file. The HTTP cache first: the visit has just
        // loaded most of them (the page itself by the address it was opened at, `./`). The
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

/** The status file: the network's answer if it comes in time, else the last good copy. */
async function status(request) {
  const keep = async (response) => {
    try {
      const json = JSON.parse(await response.clone().text());
      if (json && typeof json == 'object' && !Array.isArray(json)) await (await caches.open(STATUS_CACHE)).put(STATUS, response.clone());
    } catch {
      // Not JSON: not a copy worth keeping.
    }
  };
  const network = fetch(request).then(async (response) => {
    if (response.ok) await keep(response);
    return response;
  });
  const late = new Promise((resolve) => setTimeout(resolve, STATUS_WAIT_MS));
  const answer = await Promise.race([network, late]).catch(() => null);
  if (answer?.ok) return answer;
  const copy = await caches.open(STATUS_CACHE).then((cache) => cache.match(STATUS)).catch(() => null);
  // Nothing to say, rather than an error in the page's console: offline, or no file there.
  if (!copy && (!answer || answer.status == 404)) return new Response(null, { status: 204 });
  if (!copy) return answer;
  // Says why: the HTTP status the network gave (a busy host's 429 or 503 asks the page to
  // wait longer), or `none` when it gave nothing in time.
  const headers = new Headers(copy.headers);
  headers.set('x-nownext-from-cache', answer ? String(answer.status) : 'none');
  return new Response(copy.body, { headers });
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method === 'GET' && request.url.split(/[?#]/)[0] === STATUS) {
    event.respondWith(status(request));
    return;
  }
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
