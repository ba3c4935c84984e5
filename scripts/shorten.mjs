// Shortens the names a page's wasm and its JS glue share, in place: each import's module
// and name (wasm-bindgen's `__wbg_set_textContent_0177b2a6d9293c2c`, a hash in each that
// no compressor can shrink, written once in the wasm and once in the glue) and the exported
// closure shims (`wasm_bindgen_7fe8…___convert__closures_____invoke___…`, up to 300
// characters). The exports pages and tests call by name (`memory`, `__wbindgen_malloc`…)
// keep theirs. Every name is replaced where the glue has it, exactly once per import (its
// key in the import object) and at least once per export (`wasm.<name>`), or the build
// stops. (The glue's JS functions named after the shims are renamed by the minifier.)
// Run by scripts/post-build after scripts/prune.mjs, before scripts/minify.mjs:
//   node scripts/shorten.mjs "$TRUNK_STAGING_DIR"
import { readFileSync, writeFileSync } from 'node:fs';
import { escapeRegExp, exportCall, sizeChange, stepArguments } from './page-files.mjs';
import { renameWasm } from './wasm-names.mjs';

// The closure shims as nightly's symbol mangling names them, and as stable's does
// (`wasm_bindgen__convert__closures_____invoke__h<hash>`).
const SHIM = /^wasm_bindgen_\w*?_convert__closures_/;
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Short names in order: a…Z, then aa, ab… */
function* shortNames() {
  for (let length = 1; ; length++) {
    const digits = Array(length).fill(0);
    for (;;) {
      yield digits.map((d) => LETTERS[d]).join('');
      let i = length - 1;
      while (i >= 0 && ++digits[i] === LETTERS.length) digits[i--] = 0;
      if (i < 0) break;
    }
  }
}

/** Renames through `map`, giving each new name the next short one. */
const renamer = (map) => {
  const next = shortNames();
  return (name) => {
    if (!map.has(name)) map.set(name, next.next().value);
    return map.get(name);
  };
};

const count = (text, pattern) => (text.match(pattern) ?? []).length;

const files = stepArguments('shorten');
const { fail } = files;
const wasm = readFileSync(files.wasm);
let glue = readFileSync(files.glue, 'utf8');
const modules = new Map();
const imports = new Map();
const exports = new Map();
const shortImport = renamer(imports);
const shortExport = renamer(exports);
const renamed = renameWasm(wasm, {
  module: renamer(modules),
  import: shortImport,
  export: (name) => (SHIM.test(name) ? shortExport(name) : name),
});

// The import object: `"./nownext_bg.js": import0`, whose entries are `        name: …` lines.
for (const [from, to] of modules) {
  const key = new RegExp(`^( {8})"${escapeRegExp(from)}": `, 'm');
  if (count(glue, new RegExp(key.source, 'gm')) !== 1) fail(`the module ${from} is not once a key in ${files.glue}`);
  glue = glue.replace(key, `$1"${to}": `);
}
for (const [from, to] of imports) {
  const key = new RegExp(`^( {8})${escapeRegExp(from)}: `, 'm');
  if (count(glue, new RegExp(key.source, 'gm')) !== 1) fail(`the import ${from} is not once a key in ${files.glue}`);
  glue = glue.replace(key, `$1${to}: `);
}
const callTo = exportCall(glue);
for (const [from, to] of exports) {
  const call = callTo(from, 'g');
  if (!count(glue, call)) fail(`${files.glue} never calls the export ${from}`);
  glue = glue.replace(call, `$1${to}`);
}
new WebAssembly.Module(renamed);
writeFileSync(files.wasm, renamed);
writeFileSync(files.glue, glue);
console.log(
  `shortened ${modules.size} module, ${imports.size} import and ${exports.size} export names: ` +
    sizeChange(files.wasm, wasm, renamed),
);
