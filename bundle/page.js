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
}
