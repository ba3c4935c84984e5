// Offline use (bundle/sw.js, bundle/page.js) and the web app manifest. Each
// test gets its own copy of the bundle on its own server, so it can change the deployment or
// switch the host off; the network is then off for the browser too.
import type { Page, Request, Response } from '@playwright/test';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { setPolicy } from '../../bundle/finish.mjs';
import {
  all, attribute, elements, inlineScripts, insertAfter, one, readPage, remove, setText, text, writePage,
} from '../../bundle/html.mjs';
import { readManifest, writeWorker } from '../../bundle/service-worker.mjs';
import { test as base, expect, sessions, messages, inLang, during, liveTalk, elsewhere } from './support';
import { expectNoLiveLine } from './programme';

type Host = {
  /** The bundle's address, ending in /. */
  url: string;
  /** The copy of dist/ being served, which a test may change. */
  dir: string;
  /**
   * Deploys the phone page again, marked with `name` (a <meta name="deployment">), with new
   * names for its JS glue and wasm when `rename` (same bytes, so their integrity holds; the
   * old files gone, as when a folder is replaced); then its policy and its worker, as the finishing step does.
   */
  deploy: (name: string, rename?: boolean) => ReturnType<typeof worker>;
  /** Switches the host off. */
  stop: () => void;
};

const test = base.extend<{ host: Host }>({
  host: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'nownext-'));
    cpSync('dist', dir, { recursive: true });
    const server = spawn(process.execPath, ['tests/e2e/serve.mjs', dir, '0']);
    const url = await new Promise<string>((resolve, reject) => {
      server.stdout.on('data', (data) => {
        const found = / at (\S+)/.exec(String(data));
        if (found) resolve(found[1]);
      });
      server.on('exit', () => reject(new Error('the server stopped')));
    });
    const deploy = (name: string, rename = false) => {
      const index = join(dir, 'index.html');
      const document = readPage(index);
      all(document, 'meta').filter((m) => attribute(m, 'name') === 'deployment').forEach(remove);
      insertAfter(one(document, 'title'), 'meta', { name: 'deployment', content: name });
      if (rename) {
        const next = `nownext-${name.toLowerCase().padStart(16, '0')}`;
        let old = '';
        for (const file of readdirSync(dir).filter((f) => /^nownext-[0-9a-f]+(_bg\.wasm|\.js)$/.test(f))) {
          old = file.replace(/(_bg\.wasm|\.js)$/, '');
          renameSync(join(dir, file), join(dir, file.replace(old, next)));
        }
        // The glue's preload, the wasm's and the loader name them.
        for (const element of elements(document)) {
          for (const attr of element.attrs) attr.value = attr.value.split(old).join(next);
        }
        for (const script of inlineScripts(document)) setText(script, text(script).split(old).join(next));
      }
      // Their hashes in the policy change too, as the finishing step would write them.
      setPolicy(document);
      writePage(index, document);
      writeWorker(dir, readManifest(dir).status);
      return worker(dir);
    };
    await use({ url, dir, deploy, stop: () => server.kill() });
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  },
});

/** Waits until a worker is active, then reloads: the page is then served by it. */
async function underWorker(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
}

/** The files a page's worker lists, and its version. */
function worker(dir: string) {
  const { version, files } = readManifest(dir);
  return { version: version as string, files: Object.keys(files) };
}

const live = (page: Page) => page.locator('[aria-current]');

for (const [name, path, lang, expectRunning] of [
  ['phone', '', 'fr', async (page: Page) => {
    await expect(live(page)).toHaveAttribute('id', liveTalk.id);
  }],
  ['projector', 'projector/', 'es', async (page: Page, lang = 'en') => {
    await expect(page.locator('.pj-title')).toHaveText(inLang(liveTalk.titles, lang));
  }],
] as const) {
  test(`the ${name} page: after one visit it loads and runs with the network off, in any language`, async ({ page, context, host }) => {
    await page.clock.install({ time: during });
    await page.goto(host.url + path);
    await expectRunning(page);
    await underWorker(page);
    host.stop();
    await context.setOffline(true);

    const responses: Response[] = [];
    const failed: string[] = [];
    page.on('response', (r) => responses.push(r));
    // Not the tab's icon: Chromium fetches it itself, past any service worker. Nor a check
    // of the room's status the reload cut short.
    const cut = (r: Request) => r.failure()?.errorText === 'net::ERR_ABORTED';
    page.on('requestfailed', (r) => /\/icon-[0-9a-f]+\.svg$/.test(r.url()) || cut(r) || failed.push(r.url()));
    await page.reload();
    await expectRunning(page);
    expect(responses.filter((r) => !r.fromServiceWorker()).map((r) => r.url())).toEqual([]);
    expect(failed, 'nothing went past the worker to the network').toEqual([]);
    // With the address's query: the same page, from the cache.
    await page.goto(`${host.url}${path}?lang=${lang}&delay=5`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.locator(name === 'phone' ? '.now-state' : '.pj-state')).toHaveText(messages(lang).now as string);
    await expectRunning(page, lang);
  });
}

test('the projector page is not part of the phone page’s offline copy', async ({ page, host }) => {
  // Phones never download the projector's bundle: each page has its own worker.
  await page.goto(host.url);
  await underWorker(page);
  expect(worker(host.dir).files.filter((f) => f.startsWith('projector/'))).toEqual([]);
  // The versions' caches; the room's status file is kept apart (nownext-status …).
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const key of await caches.keys()) {
      if (key.startsWith('nownext ')) urls.push(...(await (await caches.open(key)).keys()).map((r) => r.url));
    }
    return urls;
  });
  expect(cached.map((u) => u.slice(host.url.length)).sort()).toEqual(worker(host.dir).files);
});

test('a new deployment is picked up on a later load, and no load mixes the two', async ({ page, host }) => {
  const a = host.deploy('A');
  const loads: { deployment: string | null; files: string[]; fromWorker: boolean[] }[] = [];
  let responses: Response[] = [];
  page.on('response', (r) => responses.push(r));
  const load = async (go: () => Promise<unknown>) => {
    responses = [];
    await go();
    await expect(live(page)).toHaveAttribute('id', liveTalk.id);
    loads.push({
      deployment: await page.locator('meta[name="deployment"]').getAttribute('content'),
      files: responses.map((r) => r.url().slice(host.url.length).replace(/[?#].*$/, '') || 'index.html'),
      fromWorker: responses.map((r) => r.fromServiceWorker()),
    });
  };
  await page.clock.install({ time: during });
  await load(() => page.goto(host.url));
  await underWorker(page);

  const b = host.deploy('B', true);
  expect(b.version).not.toBe(a.version);

  // The first load after it is still all of the old version: the worker answers at once.
  await load(() => page.reload());
  // Meanwhile the new version installs, then takes over.
  await expect.poll(() => page.evaluate(async (version) => {
    const registration = await navigator.serviceWorker.getRegistration();
    const keys = await caches.keys();
    return !registration?.installing && !registration?.waiting && keys.some((k) => k.endsWith(` ${version}`));
  }, b.version)).toBe(true);
  await load(() => page.reload());
  await load(() => page.goto(`${host.url}?lang=fr`));

  expect(loads.map((l) => l.deployment)).toEqual(['A', 'A', 'B', 'B']);
  for (const [i, { deployment, files, fromWorker }] of loads.entries()) {
    const version = deployment === 'A' ? a : b;
    // Not the room's status file, which no version lists: it changes without a deployment.
    const own = (f: string) => version.files.includes(f) || f === readManifest(host.dir).status;
    expect(files.filter((f) => !own(f)), `load ${i + 1}: files of another version`).toEqual([]);
    // Every load after the first visit is the worker's.
    if (i > 0) expect(fromWorker, `load ${i + 1}`).not.toContain(false);
  }
  expect(loads[3].files).toContain('nownext-000000000000000b_bg.wasm');
  // Only this version and the one before are kept.
  expect(await page.evaluate(() => caches.keys().then((k) => k.filter((key) => key.startsWith('nownext ')).length))).toBe(2);
});

test('a deployment still being uploaded is not taken: the old version stays, whole', async ({ page, host }) => {
  host.deploy('A');
  await page.clock.install({ time: during });
  await page.goto(host.url);
  await underWorker(page);
  const b = host.deploy('B', true);
  // Its index.html and sw.js are there, its wasm not yet.
  const wasm = join(host.dir, b.files.find((f) => f.endsWith('_bg.wasm'))!);
  renameSync(wasm, `${wasm}.partial`);
  const state = await page.evaluate(async () => {
    const registration = (await navigator.serviceWorker.getRegistration())!;
    await registration.update();
    const next = registration.installing!;
    await new Promise((done) => {
      const settled = () => ['redundant', 'activated'].includes(next.state) && done(undefined);
      next.addEventListener('statechange', settled);
      settled();
    });
    return next.state;
  });
  expect(state).toBe('redundant');
  await page.reload();
  await expect(page.locator('meta[name="deployment"]')).toHaveAttribute('content', 'A');
  await expect(live(page)).toHaveAttribute('id', liveTalk.id);
  // One version's cache: the reload's own attempt at the broken one leaves nothing behind.
  const versions = () => page.evaluate(() => caches.keys().then((k) => k.filter((key) => key.startsWith('nownext '))));
  await expect.poll(versions).toEqual([expect.stringMatching(/ [0-9a-f]{16}$/)]);
});

test.describe('a broken offline copy', () => {
  // The browser reports the refused wasm, and, offline, the page's check for the network.
  // On a clock other than the meeting's, where the page as built keeps lines for the
  // reader's own times (see expectNoLiveLine).
  test.use({ timezoneId: elsewhere, expectedErrors: [/integrity|digest|could not start|ERR_INTERNET_DISCONNECTED/i] });

  /** Every navigation of the page's main frame, from now on. */
  const countLoads = (page: Page) => {
    const count = { loads: 0 };
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) count.loads += 1;
    });
    return count;
  };
  /** Puts `body` in the worker's cache in place of the wasm. */
  const spoilWasm = (page: Page, body: string | null) =>
    page.evaluate(async (body) => {
      const { scope } = (await navigator.serviceWorker.getRegistration())!;
      const [key] = (await caches.keys()).filter((k) => k.startsWith(`nownext ${scope} `));
      const cache = await caches.open(key);
      const [wasm] = (await cache.keys()).filter((r) => r.url.endsWith('_bg.wasm'));
      if (body === null) await cache.delete(wasm);
      else await cache.put(wasm, new Response(body, { headers: { 'content-type': 'application/wasm' } }));
    }, body);

  test('a file missing from the cache comes from the network', async ({ page, host }) => {
    await page.clock.install({ time: during });
    await page.goto(host.url);
    await underWorker(page);
    await spoilWasm(page, null);
    const wasm = page.waitForResponse(/_bg\.wasm$/);
    await page.reload();
    await expect(live(page)).toHaveAttribute('id', liveTalk.id);
    // Answered by the worker, which fetched it.
    expect((await wasm).fromServiceWorker()).toBe(true);
  });

  test('a corrupted cache: the page drops the worker and runs from the network, reloading once', async ({ page, host }) => {
    await page.clock.install({ time: during });
    await page.goto(host.url);
    await underWorker(page);
    await spoilWasm(page, 'not the wasm');
    const count = countLoads(page);
    const wasms: Response[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('_bg.wasm')) wasms.push(r);
    });
    await page.reload();
    await expect(live(page)).toHaveAttribute('id', liveTalk.id);
    expect(count.loads).toBe(2);
    // The last wasm came from the host, not from the worker.
    expect(wasms.at(-1)!.fromServiceWorker()).toBe(false);
    await page.waitForTimeout(1000);
    expect(count.loads).toBe(2);
  });

  test('a corrupted cache with the network gone: the programme stays, and so does the copy', async ({ page, context, host }) => {
    await page.clock.install({ time: during });
    await page.goto(host.url);
    await underWorker(page);
    await spoilWasm(page, 'not the wasm');
    host.stop();
    await context.setOffline(true);
    const count = countLoads(page);
    await page.reload();
    // The page as built, saying the live times could not start; no reload into an error page.
    await expectNoLiveLine(page, 'not-started');
    await expect(page.locator('li.session')).toHaveCount(sessions.length);
    await page.waitForTimeout(1500);
    expect(count.loads).toBe(1);
    await expect(live(page)).toHaveCount(0);
    // The offline copy is kept: losing it would leave nothing at all offline.
    expect(await page.evaluate(async () => (await caches.keys()).length)).toBeGreaterThan(0);
    expect(await page.evaluate(async () => Boolean(await navigator.serviceWorker.getRegistration()))).toBe(true);
  });

  test('a corrupted cache that cannot be cleared: one reload, no loop', async ({ page, host }) => {
    await page.clock.install({ time: during });
    await page.goto(host.url);
    await underWorker(page);
    await spoilWasm(page, 'not the wasm');
    // A browser where dropping the worker and its caches does nothing.
    await page.addInitScript(() => {
      ServiceWorkerRegistration.prototype.unregister = async () => true;
      CacheStorage.prototype.delete = async () => true;
    });
    const count = countLoads(page);
    await page.reload();
    await expect.poll(() => count.loads).toBe(2);
    await page.waitForTimeout(1500);
    expect(count.loads).toBe(2);
    await expect(live(page)).toHaveCount(0);
  });
});

test('the manifest: linked from the phone page, valid, its icons there at their sizes', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const url = new URL(href!, page.url());
  const response = await request.get(url.href);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^application\/manifest\+json/);
  const manifest = await response.json();
  expect(manifest).toMatchObject({ name: 'Now and next', start_url: './', scope: './', display: 'standalone' });
  expect(manifest.short_name.length).toBeLessThanOrEqual(12);
  // The light theme's colour, as the page's own theme-color says.
  const theme = await page.locator('meta[name="theme-color"][media="(prefers-color-scheme: light)"]').getAttribute('content');
  expect(manifest.theme_color).toBe(theme);
  expect(manifest.background_color).toBe(theme);
  // The start URL and scope are the phone page, wherever the bundle is.
  expect(new URL(manifest.start_url, url).href).toBe(page.url());

  const icons: { src: string; sizes: string; type: string; purpose?: string }[] = manifest.icons;
  expect(icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['any', '192x192', '512x512']));
  expect(icons.some((i) => i.purpose === 'maskable')).toBe(true);
  // iOS's icon, under the name it looks for (iOS 15.4 and later read the manifest).
  const apple = { src: new URL('apple-touch-icon.png', page.url()).href, sizes: '180x180', type: 'image/png' };
  for (const { src, sizes, type } of [...icons, apple]) {
    const icon = await request.get(new URL(src, url).href);
    expect(icon.status(), src).toBe(200);
    expect(icon.headers()['content-type'], src).toBe(type);
    if (type === 'image/png') {
      const png = PNG.sync.read(await icon.body());
      expect(`${png.width}x${png.height}`, src).toBe(sizes);
    } else {
      expect(await icon.text()).toMatch(/^<svg /);
    }
  }
});

test('the projector page has no manifest: installing it would open the phone page', async ({ page }) => {
  await page.goto('/projector/');
  await expect(page.locator('link[rel="manifest"]')).toHaveCount(0);
});
