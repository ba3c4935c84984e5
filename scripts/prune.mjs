// Prunes from a page Trunk has built, in place, what its wasm exports and its JS glue never
// calls, with the code and imports only that reached:
// - the classes wasm-streams exports. Leptos always builds the browser client of server
//   functions (server_fn's `browser` feature, which no feature of Leptos turns off), and
//   with it wasm-streams, whose `#[wasm_bindgen]` classes are exports. This app has no
//   server function and never makes a stream;
// - exports nothing calls: a marker for Leptos' code splitting, which this build does not
//   do, wasm-bindgen globals and functions the glue has no use for here.
// Neither the linker nor wasm-opt may drop an export, so all of that reached every phone.
// The glue is wasm-bindgen's, whose version Cargo.toml pins: a class not in the shape this
// script knows stops the build rather than ship a half-pruned bundle. The wasm goes through
// binaryen's wasm-metadce, rooted in every export the minified glue still calls.
// Run by scripts/post-build after the prerender, before scripts/shorten.mjs:
//   node scripts/prune.mjs "$TRUNK_STAGING_DIR"
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { minifyGlue } from './minify.mjs';
import { exportCall, sizeChange, stepArguments } from './page-files.mjs';

// What the wasm may use: what Rust's wasm32 target enables, as Trunk's wasm-opt reads it.
const FEATURES = ['bulk-memory', 'mutable-globals', 'nontrapping-float-to-int', 'sign-ext', 'reference-types', 'multivalue']
  .map((feature) => `--enable-${feature}`);
// wasm-streams' exported classes (wasm-streams 0.5, through server_fn).
const UNUSED_CLASSES = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];

const { glue: glueFile, wasm: wasmFile, fail } = stepArguments('prune');
const glue = readFileSync(glueFile, 'utf8');
const wasm = readFileSync(wasmFile);

const lines = glue.split('\n');
const drop = new Set();
const take = (from, to) => {
  for (let i = from; i <= to; i++) drop.add(i);
};
const kept = () => lines.filter((_, i) => !drop.has(i)).join('\n');

// 1. The classes: each with its `Symbol.dispose` line and its FinalizationRegistry.
let classes = 0;
for (const name of UNUSED_CLASSES) {
  const start = lines.indexOf(`export class ${name} {`);
  if (start < 0) {
    if (glue.includes(name)) fail(`${name} is in ${glueFile}, but not as the class this script knows`);
    continue;
  }
  // The class ends at the first closing brace in the first column.
  const end = lines.indexOf('}', start);
  const dispose = lines.indexOf(`if (Symbol.dispose) ${name}.prototype[Symbol.dispose] = ${name}.prototype.free;`);
  const registry = lines.indexOf(`const ${name}Finalization = (typeof FinalizationRegistry === 'undefined')`);
  if (end < 0 || dispose !== end + 1 || registry < 0 || !/^ {4}: new FinalizationRegistry\(.*\);$/.test(lines[registry + 2] ?? '')) {
    fail(`${name} in ${glueFile} is not in the shape this script knows`);
  }
  take(start, dispose);
  take(registry, registry + 2);
  if (new RegExp(`\\b${name}\\b`).test(kept())) fail(`${name} is still used in ${glueFile}`);
  classes++;
}

// 2. The exports the glue calls, once minified as it will be served: what only dead code
//    in it calls does not count.
// 3. The glue's import object keeps an entry only for what the pruned wasm still imports.
//    An entry that goes may have been the last caller of an export: again, until none goes.
const module = new WebAssembly.Module(wasm);
const exports = WebAssembly.Module.exports(module).map((e) => e.name);
const imports = WebAssembly.Module.imports(module).map((i) => i.name);
const work = mkdtempSync(join(tmpdir(), 'prune-'));
// Removed however the script ends: fail() exits at once.
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
let pruned;
let roots;
const gone = new Set();
for (;;) {
  const minified = await minifyGlue(kept());
  if (!minified) fail(`terser returned nothing for ${glueFile}`);
  const call = exportCall(minified);
  roots = exports.filter((name) => call(name).test(minified));
  if (!roots.includes('__wbindgen_start') || !roots.includes('memory')) {
    fail(`the minified ${glueFile} calls neither __wbindgen_start nor memory: not the glue this script knows`);
  }
  const graph = join(work, 'graph.json');
  writeFileSync(graph, JSON.stringify([
    { name: 'glue', root: true, reaches: roots.map((name) => `export ${name}`) },
    ...roots.map((name) => ({ name: `export ${name}`, export: name })),
  ]));
  const out = join(work, 'pruned.wasm');
  execFileSync('wasm-metadce', [...FEATURES, wasmFile, '--graph-file', graph, '-o', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  pruned = readFileSync(out);
  const stillImported = new Set(WebAssembly.Module.imports(new WebAssembly.Module(pruned)).map((i) => i.name));
  const newlyGone = imports.filter((name) => !stillImported.has(name) && !gone.has(name));
  if (!newlyGone.length) break;
  for (const name of newlyGone) {
    gone.add(name);
    const start = lines.findIndex((line) => line.startsWith(`        ${name}: `));
    if (start < 0) fail(`no entry for the import ${name} in ${glueFile}`);
    // Up to the next entry, or the end of the object.
    let end = start + 1;
    while (end < lines.length && !/^ {8}[\w$]+: |^ {4}\};$/.test(lines[end])) end++;
    take(start, end - 1);
  }
}
const text = kept();
writeFileSync(glueFile, text);
writeFileSync(wasmFile, pruned);
console.log(
  `pruned ${classes} classes, ${exports.length - roots.length} exports and ${gone.size} imports: ` +
    `${sizeChange(wasmFile, wasm, pruned)}, ${glueFile} ${glue.length} -> ${text.length} bytes`,
);
