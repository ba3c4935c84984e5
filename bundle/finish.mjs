// The one step after Trunk has built both pages (scripts/build runs it once):
//   node bundle/finish.mjs <dist>
// For each page, dist/ (the phone's) and dist/projector/, in this order:
// 1. the translations' files, which build.rs writes into target/lang/, go into its lang/
//    (their names carry a hash of their content; the page fetches the one a reader picks);
// 2. the page as built goes into its <body data-prerender="phone|projector">: rendered
//    natively by the app's own components (src/bin/prerender.rs, run once for both pages);
// 3. its JS glue is minified, and the names it shares with the wasm shortened on both sides
//    (bundle/shrink.mjs; `NOWNEXT_SHRINK=0` turns that off);
// 4. each `sha384-of-<file>` the loader templates in Trunk.toml left becomes the integrity
//    of that file: a page that loads a script or a wasm without one is refused;
// 5. Trunk's inline styles, one per style file, become one in the same order: one hash in
//    the policy rather than seven (hashes hardly compress);
// 6. a Content-Security-Policy allows exactly the page's own inline scripts and style, by
//    their SHA-256, and its own origin: no 'unsafe-inline', 'wasm-unsafe-eval' only because
//    WebAssembly needs it, nothing from anywhere else;
// 7. its service worker (bundle/service-worker.mjs), last: it lists the finished files.
// Before the pages, the room's status file (status.json, docs/status.md) is checked with the
// page's own rules (src/bin/status.rs) and copied beside the phone page, for both pages.
// HTML goes through parse5; nothing Trunk or wasm-bindgen wrote is matched by pattern. Any
// surprise stops the build with a line that names the page and what is wrong.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  all, appendHtml, attribute, elements, inlineScripts, insertAfter, one, readPage, remove, removeAttribute,
  setText, text, writePage,
} from './html.mjs';
import { BundleError } from './error.mjs';
import { isPage, writeWorker } from './service-worker.mjs';
import { appFiles, nativeEnv, shrink } from './shrink.mjs';

const TOP = dirname(dirname(fileURLToPath(import.meta.url)));
/** What the loader templates in Trunk.toml put where a file's integrity goes. */
const PLACEHOLDER = 'sha384-of-';
/** The room's status file, at the top of the repository and of the bundle. */
const STATUS = 'status.json';

export { BundleError };

const digest = (algorithm, data) => `${algorithm}-${createHash(algorithm).update(data).digest('base64')}`;

/** Every attribute value and inline script text of the page: where placeholders may be. */
function* placesOf(document) {
  for (const element of elements(document)) {
    for (const attr of element.attrs) yield { get: () => attr.value, set: (v) => { attr.value = v; } };
  }
  for (const script of inlineScripts(document)) yield { get: () => text(script), set: (v) => setText(script, v) };
}

/** 4. Fills each file's placeholder with its integrity; every script and wasm must have one. */
export function fillIntegrity(document, dir, page) {
  const places = [...placesOf(document)];
  for (const path of Object.values(appFiles(dir, page))) {
    const file = basename(path);
    const placeholder = PLACEHOLDER + file;
    const integrity = digest('sha384', readFileSync(path));
    let uses = 0;
    for (const place of places) {
      const parts = place.get().split(placeholder);
      if (parts.length > 1) place.set(parts.join(integrity));
      uses += parts.length - 1;
    }
    if (!uses) {
      throw new BundleError(`${page}: ${file} is loaded without integrity: the loader templates in Trunk.toml ` +
        `(pattern_preload, pattern_script) must say ${PLACEHOLDER}{js} and ${PLACEHOLDER}{wasm}`);
    }
  }
  const left = places.map((p) => p.get()).find((v) => v.includes(PLACEHOLDER));
  if (left) throw new BundleError(`${page}: a placeholder names no file of the bundle: ${left.slice(left.indexOf(PLACEHOLDER)).slice(0, 80)}`);
}

/** 5. Trunk's <style> elements as one, where the first was. */
export function mergeStyles(document, page) {
  const styles = all(document, 'style');
  if (styles.some((s) => s.attrs.length)) throw new BundleError(`${page}: a <style> with attributes; styles are merged only when plain`);
  if (styles.length < 2) return;
  setText(styles[0], styles.map(text).join('\n'));
  styles.slice(1).forEach(remove);
}

/** 6. The page's Content-Security-Policy, replacing any it had, after its <meta charset>. */
export function setPolicy(document, page = 'the page') {
  const hashes = (elements) =>
    elements.map(text).filter((body) => body.trim() !== '').map((body) => `'${digest('sha256', body)}'`);
  const policy = [
    "default-src 'none'",
    ['script-src', "'self'", ...hashes(inlineScripts(document)), "'wasm-unsafe-eval'"].join(' '),
    ['style-src', ...hashes(all(document, 'style'))].join(' '),
    "img-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const metas = all(document, 'meta');
  metas.filter((m) => attribute(m, 'http-equiv')?.toLowerCase() === 'content-security-policy').forEach(remove);
  const charset = metas.find((m) => attribute(m, 'charset') !== null);
  if (!charset) throw new BundleError(`${page}: no <meta charset> to put the policy after`);
  insertAfter(charset, 'meta', { 'http-equiv': 'Content-Security-Policy', content: policy });
  return policy;
}

/** 2. The page as built, into the body that asks for it. */
function prerender(document, prerendered, page) {
  const body = one(document, 'body');
  const kind = attribute(body, 'data-prerender');
  if (kind === null) throw new BundleError(`${page}: its <body> has no data-prerender: finished already? Build again with scripts/build`);
  if (!prerendered[kind]) throw new BundleError(`${page}: its <body> says data-prerender="${kind}", not phone or projector`);
  appendHtml(body, prerendered[kind]);
  removeAttribute(body, 'data-prerender');
}

/** Finishes the bundle in `dist`: every page in it. */
export async function finish(dist) {
  if (!isPage(dist)) throw new BundleError(`${dist}: no index.html: build it with scripts/build`);
  const pages = [dist, ...readdirSync(dist, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(dist, e.name)).filter(isPage)];

  // Natively, with the toolchain the tests use, not the one scripts/build may pick for the wasm.
  const out = join(TOP, 'target/prerendered');
  execFileSync('cargo', ['run', '--offline', '--quiet', '--manifest-path', join(TOP, 'Cargo.toml'), '--bin', 'prerender', '--', out], { env: nativeEnv(), stdio: 'inherit' });
  const prerendered = Object.fromEntries(['phone', 'projector'].map((kind) => [kind, readFileSync(join(out, `${kind}.html`), 'utf8')]));

  // The translations' files this programme's app asks for, by the names it has baked in
  // (each its content's hash): target/lang/ also keeps other programmes' files.
  const lang = join(TOP, 'target/lang');
  const translations = readFileSync(join(out, 'lang.txt'), 'utf8').split('\n').filter(Boolean);
  const missing = translations.filter((file) => !existsSync(join(lang, file)));
  if (!translations.length || missing.length) throw new BundleError(`${lang}: no ${missing.join(', ') || "translations' files"}: build.rs writes them when the app is built`);

  const status = join(TOP, STATUS);
  try {
    execFileSync('cargo', ['run', '--offline', '--quiet', '--manifest-path', join(TOP, 'Cargo.toml'), '--bin', 'status', '--', STATUS], { cwd: TOP, env: nativeEnv(), stdio: ['ignore', 'inherit', 'pipe'] });
  } catch (error) {
    throw new BundleError(`${String(error.stderr ?? error.message).trim()}\n(the rules: docs/status.md)`);
  }
  copyFileSync(status, join(dist, STATUS));

  for (const dir of pages) {
    const page = relative(process.cwd(), join(dir, 'index.html'));
    mkdirSync(join(dir, 'lang'), { recursive: true });
    for (const file of translations) copyFileSync(join(lang, file), join(dir, 'lang', file));
    const document = readPage(join(dir, 'index.html'));
    prerender(document, prerendered, page);
    if (process.env.NOWNEXT_SHRINK !== '0') console.log(`shrunk ${page}: ${await shrink(dir, page, TOP)}`);
    fillIntegrity(document, dir, page);
    mergeStyles(document, page);
    setPolicy(document, page);
    writePage(join(dir, 'index.html'), document);
    const { version, files } = writeWorker(dir, relative(dir, join(dist, STATUS)).split(sep).join('/'));
    console.log(`finished ${page}: ${translations.length} translations, worker version ${version} of ${Object.keys(files).length} files`);
  }
}

// Run as a command, not imported by a test.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dist = process.argv[2];
  if (!dist) {
    console.error('usage: node bundle/finish.mjs <dist folder>');
    process.exit(2);
  }
  try {
    await finish(dist);
  } catch (error) {
    if (!(error instanceof BundleError)) throw error;
    console.error(`bundle/finish.mjs: ${error.message}`);
    process.exit(1);
  }
}
