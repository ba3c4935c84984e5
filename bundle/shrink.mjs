// Shrinks a page's JS glue and the names it shares with its wasm, in place, through parsers
// only:
// - terser minifies the glue (Trunk's own minifier cannot parse wasm-bindgen's
//   `export { … as default }` and leaves the glue as it was written);
// - with it, terser shortens the properties named like wasm-bindgen's imports and closure
//   shims (`__wbg_set_textContent_0177b2a6d9293c2c`, a hash in each that no compressor can
//   shrink), and its name cache says what each became;
// - bundle/wasm-names (wasmparser and wasm-encoder) gives the wasm's imports and exports
//   the same names, leaving every other byte as it is;
// - a Node process then instantiates the wasm with the glue's imports: a name the two do not
//   share stops the build, rather than a phone finding out.
// `NOWNEXT_SHRINK=0` turns the step off: the glue and the wasm stay as Trunk wrote them.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync } from 'node:zlib';
import { minify } from 'terser';
import { BundleError } from './error.mjs';

/** wasm-bindgen's names for what the wasm imports from the glue and the closure shims it exports. */
const SHARED = /^(__wbg_|wasm_bindgen_)/;
/** A build environment for native tools: not the nightly one scripts/build may set for the wasm. */
export function nativeEnv() {
  const env = { ...process.env };
  delete env.RUSTUP_TOOLCHAIN;
  delete env.CARGO_UNSTABLE_BUILD_STD;
  return env;
}

const brotli = (bytes) => brotliCompressSync(bytes).length;

/** The page's glue and wasm: the one .js (not its worker) and the one .wasm beside it. */
export function appFiles(dir, page) {
  const files = readdirSync(dir);
  const glue = files.filter((f) => f.endsWith('.js') && f !== 'sw.js');
  const wasm = files.filter((f) => f.endsWith('.wasm'));
  if (glue.length !== 1 || wasm.length !== 1) {
    throw new BundleError(`${page}: not one JS glue and one wasm beside it, but ${[...glue, ...wasm].join(', ') || 'none'}: is it a page Trunk built?`);
  }
  return { glue: join(dir, glue[0]), wasm: join(dir, wasm[0]) };
}

/** Shrinks the glue and the wasm of the page in `dir`; says what it did. */
export async function shrink(dir, page, top) {
  const files = appFiles(dir, page);
  const glue = readFileSync(files.glue, 'utf8');
  const wasm = readFileSync(files.wasm);
  const module = new WebAssembly.Module(wasm);
  const imports = WebAssembly.Module.imports(module).map((i) => i.name);
  const exports = WebAssembly.Module.exports(module).map((e) => e.name);

  const nameCache = {};
  const { code } = await minify(glue, {
    module: true,
    compress: { passes: 2 },
    mangle: { properties: { regex: SHARED } },
    nameCache,
    format: { comments: false },
  });
  if (!code) throw new BundleError(`${page}: terser gave nothing for ${files.glue}`);
  // Only what the wasm has: the glue's own objects (`this.__wbg_ptr`) are renamed in it alone.
  const renamed = new Map(Object.entries(nameCache.props?.props ?? {}).map(([key, short]) => [key.slice(1), short]));
  const missing = imports.filter((name) => SHARED.test(name) && !renamed.has(name));
  if (missing.length) {
    throw new BundleError(`${page}: the glue never names the wasm's import ${missing[0]} as a property: not the glue this step knows (wasm-bindgen changed?)`);
  }
  const shared = [...renamed].filter(([name]) => imports.includes(name) || exports.includes(name));

  const work = mkdtempSync(join(tmpdir(), 'nownext-shrink-'));
  try {
    const names = join(work, 'names');
    writeFileSync(names, shared.map(([from, to]) => `${from} ${to}\n`).join(''));
    execFileSync('cargo', ['run', '--quiet', '--offline', '--manifest-path', join(top, 'Cargo.toml'), '-p', 'wasm-names', '--', files.wasm, names], { env: nativeEnv(), stdio: ['ignore', 'ignore', 'inherit'] });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  writeFileSync(files.glue, code);
  link(files, page);
  const shrunk = readFileSync(files.wasm);
  return `${shared.length} names shortened; glue ${brotli(Buffer.from(glue))} -> ${brotli(Buffer.from(code))} B brotli, wasm ${brotli(wasm)} -> ${brotli(shrunk)} B brotli`;
}

/**
 * Instantiates the wasm with the glue's imports, in a Node of its own, and stops there, before
 * the app starts: a name the two do not share stops the build.
 */
function link({ glue, wasm }, page) {
  const script = `import { readFileSync } from 'node:fs';
const Instance = WebAssembly.Instance;
class Linked extends Error {}
WebAssembly.Instance = function (module, imports) { new Instance(module, imports); throw new Linked(); };
const { initSync } = await import(${JSON.stringify(pathToFileURL(resolve(glue)).href)});
try {
  initSync({ module: readFileSync(${JSON.stringify(wasm)}) });
  console.log('its initSync never instantiated the wasm: not the glue this step knows');
} catch (error) {
  if (error instanceof Linked) process.exit(0);
  console.log(error.message);
}
process.exit(1);`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) {
    throw new BundleError(`${page}: the shrunk glue and wasm do not link: ${(run.stdout || run.stderr || run.error?.message || '').trim()}`);
  }
}
