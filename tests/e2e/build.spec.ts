// The finishing step (bundle/finish.mjs) on pages as Trunk writes them: what it fills, and
// that a change in what Trunk or wasm-bindgen writes stops the build with a clear line
// rather than ship a page that loads its app without integrity.
import { test, expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { BundleError, fillIntegrity, mergeStyles, setPolicy } from '../../bundle/finish.mjs';
import { shrink } from '../../bundle/shrink.mjs';
import { all, attribute, parsePage, text } from '../../bundle/html.mjs';

/** Trunk.toml's loader templates, filled as Trunk fills them for the files `app-1.js` and `app-1_bg.wasm`. */
function trunkPage({ preload, script }: { preload?: string; script?: string } = {}) {
  const trunk = parseToml(readFileSync('Trunk.toml', 'utf8')) as { build: Record<string, string> };
  const fill = (template: string) =>
    template.replaceAll('{base}', './').replaceAll('{js}', 'app-1.js').replaceAll('{wasm}', 'app-1_bg.wasm').replaceAll('{crossorigin}', 'anonymous');
  const dir = mkdtempSync(join(tmpdir(), 'nownext-finish-'));
  writeFileSync(join(dir, 'app-1.js'), 'export default async function init() {}\n');
  writeFileSync(join(dir, 'app-1_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>a{color:red}</style>` +
    `<style>b{color:blue}</style>${fill(script ?? trunk.build.pattern_script)}${fill(preload ?? trunk.build.pattern_preload)}</head><body></body></html>`;
  return { dir, document: parsePage(html) };
}

test('the templates in Trunk.toml get the integrity of the glue and the wasm', () => {
  const { dir, document } = trunkPage();
  fillIntegrity(document, dir, 'index.html');
  const sha384 = (file: string) => `sha384-${createHash('sha384').update(readFileSync(join(dir, file))).digest('base64')}`;
  const glue = all(document, 'link').find((l) => attribute(l, 'rel') === 'modulepreload');
  expect(attribute(glue, 'integrity')).toBe(sha384('app-1.js'));
  const scripts = all(document, 'script').map(text).join('\n');
  // The wasm's: in its preload and in the loader's request.
  expect(scripts.split(sha384('app-1_bg.wasm'))).toHaveLength(3);
  expect(scripts).not.toContain('sha384-of-');
});

test('a loader template without the wasm\'s placeholder stops the build, naming the file', () => {
  const trunk = parseToml(readFileSync('Trunk.toml', 'utf8')) as { build: Record<string, string> };
  const { dir, document } = trunkPage({
    preload: trunk.build.pattern_preload.replaceAll('sha384-of-{wasm}', ''),
    script: trunk.build.pattern_script.replaceAll('sha384-of-{wasm}', ''),
  });
  let error: unknown;
  try {
    fillIntegrity(document, dir, 'index.html');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(BundleError);
  expect((error as Error).message).toMatch(/^index\.html: app-1_bg\.wasm is loaded without integrity/);
});

test('a placeholder for a file the bundle does not have (a glue renamed by an upgrade) stops the build', () => {
  const trunk = parseToml(readFileSync('Trunk.toml', 'utf8')) as { build: Record<string, string> };
  const { dir, document } = trunkPage({
    preload: `${trunk.build.pattern_preload}<link rel="modulepreload" href="./app-2.js" integrity="sha384-of-app-2.js">`,
  });
  expect(() => fillIntegrity(document, dir, 'index.html')).toThrow(/names no file of the bundle: sha384-of-app-2\.js/);
});

test('a page Trunk did not build (no glue, no wasm) stops the build', () => {
  const document = parsePage('<!doctype html><title>x</title>');
  const dir = mkdtempSync(join(tmpdir(), 'nownext-finish-'));
  expect(() => fillIntegrity(document, dir, 'index.html')).toThrow(/index\.html: not one JS glue and one wasm beside it, but none/);
});

test('styles become one, in order; the policy lists exactly the inline scripts and that style', () => {
  const { dir, document } = trunkPage();
  fillIntegrity(document, dir, 'index.html');
  mergeStyles(document, 'index.html');
  const styles = all(document, 'style');
  expect(styles).toHaveLength(1);
  expect(text(styles[0]).indexOf('red')).toBeLessThan(text(styles[0]).indexOf('blue'));
  const policy = setPolicy(document, 'index.html');
  const hashes = (policy.match(/'sha256-[^']+'/g) ?? []) as string[];
  // Two inline scripts (the preload's and the loader) and one style.
  expect(hashes).toHaveLength(3);
  const metas = all(document, 'meta');
  expect(attribute(metas[0], 'charset')).toBe('utf-8');
  expect(attribute(metas[1], 'http-equiv')).toBe('Content-Security-Policy');
  // Set again (a redeployment): still one policy.
  setPolicy(document, 'index.html');
  expect(all(document, 'meta').filter((m) => attribute(m, 'http-equiv'))).toHaveLength(1);
});

test('a <style> with attributes is not merged blindly', () => {
  const document = parsePage('<!doctype html><style media="print">a{}</style><style>b{}</style>');
  expect(() => mergeStyles(document, 'index.html')).toThrow(/a <style> with attributes/);
});

/** A wasm module that imports one function from the glue, `./app_bg.js` `name`, and exports `shim`. */
function wasmImporting(name: string, shim: string) {
  const bytes = (text: string) => [text.length, ...Buffer.from(text)];
  const section = (id: number, payload: number[]) => [id, payload.length, ...payload];
  return Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 0, 0]),
    ...section(2, [1, ...bytes('./app_bg.js'), ...bytes(name), 0, 0]),
    ...section(7, [1, ...bytes(shim), 0, 0]),
  ]);
}

/** A glue as wasm-bindgen shapes it: an import object, a call through the exports, initSync. */
const glueNaming = (name: string, shim: string) => `
let wasm;
function imports() {
  const import0 = { __proto__: null, ${name}: function () { wasm.${shim}(); } };
  return { __proto__: null, "./app_bg.js": import0 };
}
export function initSync({ module }) {
  const m = module instanceof WebAssembly.Module ? module : new WebAssembly.Module(module);
  wasm = new WebAssembly.Instance(m, imports()).exports;
  return wasm;
}
`;

/** A page's glue and wasm in a new folder, named as scripts/build may name it: relative. */
function appDir(glue: string, wasm: Buffer) {
  mkdirSync('test-results', { recursive: true });
  const dir = mkdtempSync('test-results/shrink-');
  writeFileSync(join(dir, 'app-1.js'), glue);
  writeFileSync(join(dir, 'app-1_bg.wasm'), wasm);
  return dir;
}

test('shrinking gives the glue and the wasm the same short names, and they still link', async () => {
  const name = '__wbg_set_textContent_0177b2a6d9293c2c';
  const shim = 'wasm_bindgen__convert__closures_____invoke__h0123456789abcdef';
  const dir = appDir(glueNaming(name, shim), wasmImporting(name, shim));
  const said = await shrink(dir, 'index.html', process.cwd());
  expect(said).toMatch(/^2 names shortened/);
  const wasm = new WebAssembly.Module(readFileSync(join(dir, 'app-1_bg.wasm')));
  const [imported] = WebAssembly.Module.imports(wasm);
  const [exported] = WebAssembly.Module.exports(wasm);
  expect(imported.module).toBe('./app_bg.js');
  expect(imported.name.length).toBeLessThan(3);
  expect(exported.name.length).toBeLessThan(3);
  const glue = readFileSync(join(dir, 'app-1.js'), 'utf8');
  expect(glue).not.toContain(name);
  expect(glue).not.toContain(shim);
});

test('a glue that does not name what the wasm imports (a wasm-bindgen upgrade changed it) stops the build', async () => {
  const shim = 'wasm_bindgen__convert__closures_____invoke__h0123456789abcdef';
  const dir = appDir(glueNaming('__wbg_log_1111111111111111', shim), wasmImporting('__wbg_log_2222222222222222', shim));
  await expect(shrink(dir, 'index.html', process.cwd())).rejects.toThrow(/index\.html: the glue never names the wasm's import __wbg_log_2222222222222222/);
});

test('a glue and a wasm that do not link after shrinking stop the build', async () => {
  // The glue names the import, but under another module than the wasm imports it from.
  const name = '__wbg_log_1111111111111111';
  const shim = 'wasm_bindgen__convert__closures_____invoke__h0123456789abcdef';
  const dir = appDir(glueNaming(name, shim).replace('"./app_bg.js"', '"./other_bg.js"'), wasmImporting(name, shim));
  await expect(shrink(dir, 'index.html', process.cwd())).rejects.toThrow(/index\.html: the shrunk glue and wasm do not link: .*/);
});
