// Inlined into both pages. Registers the page's service worker (bundle/sw.js) once the page
// has loaded, so it never competes with a first visit. If the app cannot start (the loader
// in Trunk.toml says so, or a script is refused), the page as built stays
// and says so (class `failed`, style/base.css). If a worker served that page (a
// corrupted cache: a file refused by its integrity) and the network is there, the worker
// and its caches go and the page reloads from the network, once per tab; offline, the
// cached copy is all the phone has, so it stays.
const served = 'serviceWorker' in navigator && navigator.serviceWorker.controller;
let started = false;
addEventListener('TrunkApplicationStarted', () => (started = true));

async function failed() {
  if (started) return;
  const classes = document.documentElement.classList;
  classes.replace('wasm', 'failed');
  // No reader's own times are coming: the rows give back the line kept for them.
  classes.remove('elsewhere');
  if (!served || sessionStorage.getItem('nownext-recovered')) return;
  // The worker answers GET requests only: a HEAD asks the network.
  const online = await fetch('sw.js', { method: 'HEAD', cache: 'no-store' }).then((r) => r.ok, () => false);
  const registration = await navigator.serviceWorker.getRegistration();
  // Only this page's own worker: the phone page's may control the projector's first visit.
  if (!online || registration?.active?.scriptURL !== new URL('sw.js', location.href).href) return;
  sessionStorage.setItem('nownext-recovered', '1');
  await registration.unregister();
  for (const key of await caches.keys()) {
    if (key.startsWith(`nownext ${registration.scope} `)) await caches.delete(key);
  }
  location.reload();
}

addEventListener('nownext-failed', failed);

// Following the room: the app calls nownextFollow(url, answer) once (src/browser/follow.rs) and
// decides what to make of each answer(text, heard). The file is checked every minute or
// so while the page is shown (a tenth either way, so phones opened together do not ask
// together), at once when the page is shown again, comes back online or returns from the
// back-forward cache, never while hidden. `cache: 'no-cache'` revalidates the browser's
// copy (ETag, Last-Modified): an unchanged file costs a 304. A busy host (429, 5xx, also
// as the worker's copy says, bundle/sw.js) is asked less often, up to every ten minutes.
// `heard`: from the network, not the worker's last good copy. In JavaScript rather than in
// the app: the same loop in Rust cost the bundle 1.5 KB brotli more.
self.nownextFollow = (url, answer) => {
  let timer;
  let asking = false;
  let busy = 0;
  const check = async () => {
    // Offline, only a worker has something to say (its last good copy).
    const offline = !navigator.onLine && !navigator.serviceWorker?.controller;
    if (document.visibilityState != 'visible' || asking || offline) return;
    asking = true;
    clearTimeout(timer);
    try {
      const response = await fetch(url, { cache: 'no-cache' });
      const copy = response.headers.get('x-nownext-from-cache');
      const status = copy && copy != 'none' ? Number(copy) : response.status;
      busy = status == 429 || status >= 500 ? busy + 1 : 0;
      // A file too large (room::MAX_BYTES in the app) is not read: it is refused whole anyway.
      const large = Number(response.headers.get('content-length')) > 16384;
      // 204: the worker has no copy and the network gave none.
      if (!busy && response.status == 200) answer(large ? '' : await response.text(), !copy);
    } catch {
      // Offline or cut off: the page keeps what it had.
    }
    asking = false;
    const wait = Math.min(60e3 * 2 ** Math.min(busy, 4), 600e3);
    timer = setTimeout(check, wait * (0.9 + Math.random() / 5));
  };
  addEventListener('visibilitychange', check);
  addEventListener('online', check);
  addEventListener('pageshow', (event) => event.persisted && check());
  check();
};
// A fault in the running app aborts its wasm, which throws a WebAssembly.RuntimeError out
// of whatever timer or event called it; the line over the programme then says so, in the
// page's language (the app keeps #fault's text in step). Where panics abort at once (the
// nightly build, scripts/build), no panic hook runs: this is all that sees one.
const crashed = (error) =>
  typeof WebAssembly == 'object' && error instanceof WebAssembly.RuntimeError &&
  document.getElementById('fault')?.removeAttribute('hidden');
addEventListener('error', (event) => crashed(event.error));
addEventListener('unhandledrejection', (event) => crashed(event.reason));
// A refused script (the JS glue) fails its element, which only a capturing listener sees.
addEventListener('error', (event) => event.target instanceof HTMLScriptElement && failed(), true);
if ('serviceWorker' in navigator) {
  // A browser that refuses workers (a private window) keeps the page as it is.
  addEventListener('load', () => navigator.serviceWorker.register('sw.js').catch(() => {}));
  // A new deployment (a corrected programme) while the page is open: the worker is asked
  // to look for one every 5 minutes while the page is shown, and when it is shown again.
  // A new worker takes over at once (bundle/sw.js); the app then offers to show the new
  // version (`nownext-updated`). A first visit's worker taking over is no update, nor is
  // the projector's own worker taking over from the phone page's, whose scope holds it.
  let controller = navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    const next = navigator.serviceWorker.controller;
    if (controller && next?.scriptURL === controller.scriptURL) dispatchEvent(new Event('nownext-updated'));
    controller = next;
  });
  const look = () => document.visibilityState == 'visible' &&
    navigator.serviceWorker.getRegistration().then((r) => r?.update()).catch(() => {});
  setInterval(look, 5 * 60e3);
  addEventListener('visibilitychange', look);
}
