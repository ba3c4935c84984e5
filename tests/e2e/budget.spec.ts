// The bytes a first visit costs, brotli-compressed as a server would send them, and what
// the six languages add. `npm run bench` prints the same figures per file.
import { readdirSync, readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { exportCall } from '../../scripts/page-files.mjs';
import { renameWasm } from '../../scripts/wasm-names.mjs';
import {
  BUDGET_BROTLI_BYTES,
  LANGUAGES_BUDGET_BROTLI_BYTES,
  firstVisit,
  languages,
} from '../../bench/first-visit.mjs';

const sum = (rows: { brotli: number }[]) => rows.reduce((total, r) => total + r.brotli, 0);

test(`a first visit costs at most ${BUDGET_BROTLI_BYTES} bytes brotli, in any language`, () => {
  const files = firstVisit();
  const names = files.map((f) => f.file);
  // index.html, the JS glue, the wasm, the icon: nothing the page loads goes uncounted.
  expect(names.filter((n) => /\.(js|wasm)$/.test(n))).toHaveLength(2);
  expect(names.some((n) => n.endsWith('.svg'))).toBe(true);
  const english = sum(files);
  expect(english).toBeLessThanOrEqual(BUDGET_BROTLI_BYTES);
  // A reader of a translation also loads its file.
  const translations = languages().filter((l) => l.file.startsWith('lang/'));
  expect(translations).toHaveLength(5);
  for (const file of translations) {
    expect(english + file.brotli, file.file).toBeLessThanOrEqual(BUDGET_BROTLI_BYTES);
  }
});

test(`the six languages' words cost at most ${LANGUAGES_BUDGET_BROTLI_BYTES} bytes brotli together`, () => {
  expect(sum(languages())).toBeLessThanOrEqual(LANGUAGES_BUDGET_BROTLI_BYTES);
});

// Every export is code a phone downloads. Leptos brings wasm-streams, whose classes the glue
// would export and whose functions the wasm would keep, for streams this app never makes:
// scripts/prune.mjs takes them out.
for (const dir of ['dist', 'dist/projector']) {
  test(`${dir}: the glue exports only its loader, and the wasm only what the glue calls`, () => {
    const files = readdirSync(dir);
    const glueFile = files.find((f) => /-[0-9a-f]+\.js$/.test(f));
    const wasmFile = files.find((f) => f.endsWith('_bg.wasm'));
    expect(glueFile && wasmFile).toBeTruthy();
    const glue = readFileSync(`${dir}/${glueFile}`, 'utf8');
    const named = [...glue.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((m) =>
      m[1].split(',').map((item) => item.trim().split(/\s+as\s+/).pop()),
    );
    const declared = [...glue.matchAll(/export\s+(?:async\s+)?(?:function|class|const|let|var)\s+([\w$]+)/g)].map((m) => m[1]);
    // `start` is the app's entry point, which wasm-bindgen exports as well as runs.
    expect([...named, ...declared].sort()).toEqual(['default', 'initSync', 'start']);
    // Through the variable that holds the instance's exports, renamed by the minifier.
    const call = exportCall(glue);
    const wasm = new WebAssembly.Module(readFileSync(`${dir}/${wasmFile}`));
    const uncalled = WebAssembly.Module.exports(wasm)
      .map((e) => e.name)
      .filter((name) => !call(name).test(glue));
    expect(uncalled).toEqual([]);
  });
}

// The names the wasm and the glue share are a letter or two (scripts/shorten.mjs), but for
// the exports pages and tests call by name.
for (const dir of ['dist', 'dist/projector']) {
  test(`${dir}: the wasm imports and its closure shims have short names; the others keep theirs`, () => {
    const wasmFile = readdirSync(dir).find((f) => f.endsWith('_bg.wasm'))!;
    const wasm = new WebAssembly.Module(readFileSync(`${dir}/${wasmFile}`));
    const imports = WebAssembly.Module.imports(wasm);
    expect(imports.length).toBeGreaterThan(50);
    for (const { module, name } of imports) {
      expect(module).toMatch(/^[a-zA-Z]{1,2}$/);
      expect(name).toMatch(/^[a-zA-Z]{1,2}$/);
    }
    const exports = WebAssembly.Module.exports(wasm).map((e) => e.name);
    expect(exports).toEqual(expect.arrayContaining(['memory', '__wbindgen_malloc', '__wbindgen_start', 'start']));
    expect(exports.filter((name) => name.startsWith('wasm_bindgen_'))).toEqual([]);
  });
}

/** A module by hand that imports a function, a table, a memory and a global, and exports one. */
function everyImportKind() {
  const name = (text: string) => [text.length, ...Buffer.from(text)];
  const section = (id: number, payload: number[]) => [id, payload.length, ...payload];
  return Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 0, 0]),
    ...section(2, [
      4,
      ...name('m'), ...name('f'), 0, 0,
      // funcref, at least 1 and at most 200,000 (a three-byte LEB128)
      ...name('m'), ...name('t'), 1, 0x70, 1, 1, 0xc0, 0x9a, 0x0c,
      ...name('m'), ...name('M'), 2, 0, 1,
      ...name('m'), ...name('g'), 3, 0x7f, 0,
    ]),
    ...section(7, [1, ...name('e'), 0, 0]),
  ]);
}

test('renaming a wasm changes its names and not one other byte', () => {
  const wasmFile = readdirSync('dist').find((f) => f.endsWith('_bg.wasm'))!;
  const same = (name: string) => name;
  const long = (name: string) => `${name}_with_a_name_longer_than_127_bytes_${'x'.repeat(128)}`;
  const back = (name: string) => name.replace(/_with_a_name_longer_than_127_bytes_x+$/, '');
  for (const bytes of [readFileSync(`dist/${wasmFile}`), everyImportKind()]) {
    expect(renameWasm(bytes, { module: same, import: same, export: same }).equals(bytes)).toBe(true);
    const renamed = renameWasm(bytes, { module: long, import: long, export: long });
    const module = new WebAssembly.Module(renamed);
    const before = new WebAssembly.Module(bytes);
    expect(WebAssembly.Module.imports(module)).toEqual(
      WebAssembly.Module.imports(before).map((i) => ({ ...i, module: long(i.module), name: long(i.name) })),
    );
    expect(WebAssembly.Module.exports(module)).toEqual(
      WebAssembly.Module.exports(before).map((e) => ({ ...e, name: long(e.name) })),
    );
    expect(renameWasm(renamed, { module: back, import: back, export: back }).equals(bytes)).toBe(true);
  }
  const kinds = WebAssembly.Module.imports(new WebAssembly.Module(everyImportKind())).map((i) => i.kind);
  expect(kinds).toEqual(['function', 'table', 'memory', 'global']);
  // A module cut short is refused, not renamed into a shorter one.
  const cut = everyImportKind().subarray(0, 30);
  expect(() => renameWasm(cut, { module: same, import: same, export: same })).toThrow(/past the end/);
});
