// Seals a page Trunk has built: subresource integrity on the wasm it loads, and a strict
// Content-Security-Policy that allows exactly the page's own inline loader and styles.
// Run by Trunk as a post-build hook, on its staging folder:
//   node scripts/seal.mjs "$TRUNK_STAGING_DIR"
//
// - Trunk's loader fetches the wasm by URL; it is given a Request carrying the wasm's
//   SHA-384 instead, so a changed file is refused. The JS glue is preloaded with
//   `integrity` by Trunk, and imported from that preload; as scripts/minify.mjs has
//   rewritten it since, the hash is taken again here. Where there is no
//   WebAssembly the loader does not start at all: the page as built stays, and the wasm is
//   not even downloaded (its preload is added by a line of script only where it can run).
//   A start that fails says so with the event `nownext-failed` (see scripts/offline-page.js).
// - The page loses its comments, and its styles their indentation; Trunk's seven <style>
//   elements become one, in the same order.
// - The policy lists the SHA-256 of each inline <script> and <style>, so no
//   'unsafe-inline' is needed, and 'wasm-unsafe-eval' only because WebAssembly needs it.
//   Everything else comes from the page's own origin; nothing from anywhere else.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/seal.mjs <folder with index.html>');
  process.exit(2);
}
const page = join(dir, 'index.html');
let html = readFileSync(page, 'utf8');

const digest = (algorithm, data) => `${algorithm}-${createHash(algorithm).update(data).digest('base64')}`;

// The loader: `await init({ module_or_path: './x_bg.wasm' })`, or with the build's public URL
// (`'/nownext/x_bg.wasm'`, see scripts/build --base). The wasm is beside the page.
const loader = /module_or_path: '([^']*\/)([^'/]+\.wasm)'/;
const found = html.match(loader);
if (!found) {
  console.error(`seal: no wasm loader in ${page}`);
  process.exit(1);
}
const [, base, wasm] = found;
const integrity = digest('sha384', readFileSync(join(dir, wasm)));
html = html.replace(loader, `module_or_path: new Request('${base}${wasm}', { integrity: '${integrity}' })`);

// The glue's preload: its integrity as served, after minifying.
const gluePreload = /(<link rel="modulepreload" href="(?:[^"]*\/)?([^"/]+\.js)"[^>]*integrity=")([^"]*)(")/;
if (!gluePreload.test(html)) {
  console.error(`seal: no preload of the JS glue with integrity in ${page}`);
  process.exit(1);
}
html = html.replace(gluePreload, (_, before, glue, _old, after) => `${before}${digest('sha384', readFileSync(join(dir, glue)))}${after}`);

// Without WebAssembly (iOS Lockdown Mode, a JIT-less browser) the loader would only throw:
// it starts the app where the app can run, and otherwise leaves the page as built, which
// says why there are no live times. A start that fails (a refused wasm, the network gone)
// is announced to scripts/offline-page.js, which shows that line and may recover.
const start = /(<script type="module">\s*import [^\n]+\n)([\s\S]*?)(<\/script>)/;
if (!start.test(html)) {
  console.error(`seal: no module loader script in ${page}`);
  process.exit(1);
}
html = html.replace(
  start,
  (_, imports, body, end) =>
    `${imports}if (typeof WebAssembly == "object") {\ntry {\n${body}} catch (error) {\n` +
    `console.error("nownext: the app could not start", error);\n` +
    `dispatchEvent(new CustomEvent("nownext-failed"));\n}\n}\n${end}`,
);

// Trunk's preload of the wasm becomes a line of script that adds it, as it was, only where
// WebAssembly is: a phone in Lockdown Mode does not download 90 KB it cannot run. (The
// glue's preload and import stay static: made dynamic, they put the glue's compiling after
// the page's parsing, and the live session showed about 65 ms later on Slow 4G.)
const wasmPreload = /<link rel="preload"[^>]*_bg\.wasm"[^>]*>/;
const link = html.match(wasmPreload);
if (!link) {
  console.error(`seal: no preload of the wasm in ${page}`);
  process.exit(1);
}
const attributes = Object.fromEntries([...link[0].matchAll(/([a-z-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
// All of them, or the loader's fetch would not match the preload and the wasm come twice.
const missing = ['rel', 'href', 'as', 'type', 'crossorigin', 'integrity'].filter((name) => !(name in attributes));
if (missing.length) {
  console.error(`seal: the wasm's preload in ${page} lacks ${missing.join(', ')} (or has it unquoted)`);
  process.exit(1);
}
// The wasm's integrity as served: scripts/prune.mjs changed the file after Trunk wrote its own.
attributes.integrity = integrity;
html = html.replace(
  wasmPreload,
  `<script>if (typeof WebAssembly == "object") {\nconst link = document.createElement("link");\n` +
    `for (const [name, value] of Object.entries(${JSON.stringify(attributes)})) link.setAttribute(name, value);\n` +
    'document.head.append(link);\n}\n</script>',
);

/** Every `<tag>` element of the page: its opening tag, its inline body, its closing tag. */
const element = (tag) => new RegExp(`(<${tag}(?:\\s[^>]*)?>)([\\s\\S]*?)(</${tag}>)`, 'g');

// The comments in the page and in its inline styles and scripts are for whoever reads the
// sources; a phone need not download them, nor the styles' indentation. Our CSS has no `/*`
// inside a string and no string across lines, our inline scripts no line that starts with
// `//` inside a string, and no `<!--` anywhere, so all go by pattern.
html = html
  .replace(/<!--[\s\S]*?-->\s*/g, '')
  .replace(element('style'), (_, open, css, close) =>
    `${open}${css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s+/gm, '')}${close}`)
  .replace(element('script'), (_, open, js, close) => `${open}${js.replace(/^\s*\/\/.*\n/gm, '')}${close}`);

// Trunk inlines each style file as its own <style>; one, in the same order, cascades the
// same and needs one hash in the policy rather than seven (hashes hardly compress).
const styles = [...html.matchAll(element('style'))];
if (styles.some(([, open]) => open !== '<style>')) {
  console.error(`seal: a <style> with attributes in ${page}; styles are merged only when plain`);
  process.exit(1);
}
if (styles.length > 1) {
  const merged = styles.map((m) => m[2]).join('');
  let first = true;
  html = html.replace(new RegExp(`${element('style').source}\\s*`, 'g'), () => {
    if (!first) return '';
    first = false;
    return `<style>${merged}</style>\n`;
  });
}

// Hash what is inline, as the browser will see it.
const inline = (tag) =>
  [...html.matchAll(element(tag))]
    .map((m) => m[2])
    .filter((body) => body.trim() !== '')
    .map((body) => `'${digest('sha256', body)}'`);
const policy = [
  "default-src 'none'",
  `script-src 'self' ${inline('script').join(' ')} 'wasm-unsafe-eval'`,
  `style-src ${inline('style').join(' ')}`,
  "img-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/g, '');
const charset = /<meta charset="utf-8"\s*\/?>/i;
if (!charset.test(html)) {
  console.error(`seal: no <meta charset> in ${page} to put the policy after`);
  process.exit(1);
}
html = html.replace(charset, (m) => `${m}\n    ${meta}`);
writeFileSync(page, html);
console.log(`sealed ${page}: wasm ${integrity}`);
