// Inlined into both pages. Registers the page's service worker (scripts/offline.mjs) once
// the page has loaded, so it never competes with a first visit. If the app fails to start on
// a page a worker served (a corrupted cache: the wasm's integrity is refused), the worker
// and its caches go and the page reloads from the network, once per tab.
if ('serviceWorker' in navigator) {
  const served = navigator.serviceWorker.controller;
  let started = false;
  addEventListener('TrunkApplicationStarted', () => (started = true));
  const recover = async () => {
    if (!served || started || sessionStorage.getItem('nownext-recovered')) return;
    sessionStorage.setItem('nownext-recovered', '1');
    const registration = await navigator.serviceWorker.getRegistration();
    if (registration) {
      await registration.unregister();
      for (const key of await caches.keys()) {
        if (key.startsWith(`nownext ${registration.scope} `)) await caches.delete(key);
      }
    }
    location.reload();
  };
  // Capturing: a refused script's error does not bubble. A refused wasm rejects the loader,
  // which comes here too.
  addEventListener('error', recover, true);
  addEventListener('load', () => navigator.serviceWorker.register('sw.js'));
}
