// What the build steps after Trunk share: the JS glue and the wasm of a page Trunk has
// built, found through the glue's preload (`<link rel="modulepreload"
// href="./nownext-<hash>.js">`, and `nownext-<hash>_bg.wasm`), their command line, how
// they say what they did to a file, and how the glue calls the wasm's exports.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';

/** `{ glue, wasm }`: the paths of the page's files in `dir`, or an error thrown. */
export function pageFiles(dir) {
  const page = join(dir, 'index.html');
  const found = readFileSync(page, 'utf8').match(/<link rel="modulepreload" href="(?:[^"]*\/)?([^"/]+)\.js"/);
  if (!found) throw new Error(`no preload of the JS glue in ${page}`);
  const files = { glue: join(dir, `${found[1]}.js`), wasm: join(dir, `${found[1]}_bg.wasm`) };
  for (const file of Object.values(files)) {
    if (!existsSync(file)) throw new Error(`${page} preloads ${files.glue}, but there is no ${file}`);
  }
  return files;
}

/**
 * For a build step run as `node scripts/<tool>.mjs <folder>`: the folder, its page's glue
 * and wasm, and `fail`, which says what went wrong and stops the build.
 */
export function stepArguments(tool) {
  const fail = (message) => {
    console.error(`${tool}: ${message}`);
    process.exit(1);
  };
  const dir = process.argv[2];
  if (!dir) {
    console.error(`usage: node scripts/${tool}.mjs <folder with index.html>`);
    process.exit(2);
  }
  try {
    return { dir, ...pageFiles(dir), fail };
  } catch (error) {
    return fail(error.message);
  }
}

/** `<file> <before> -> <after> bytes (brotli <before> -> <after>)`, of two contents. */
export function sizeChange(file, before, after) {
  const br = (bytes) => brotliCompressSync(bytes).length;
  return `${file} ${before.length} -> ${after.length} bytes (brotli ${br(before)} -> ${br(after)})`;
}

/** `text` as a regular expression that matches it literally. */
export const escapeRegExp = (text) => text.replace(/[$.*+?()[\]{}|\\^]/g, '\\$&');

/**
 * For the JS glue `glue`, as wasm-bindgen writes it or minified: `(name, flags)` gives the
 * pattern of a call to the wasm's export `name`, through the variable that holds the
 * instance's exports (`wasm = instance.exports`, `A=n.exports` once minified), captured as
 * `$1` with its dot. Throws if no variable holds them: not the glue the build steps know.
 */
export function exportCall(glue) {
  const holder = glue.match(/([\w$]+)\s*=\s*[\w$]+\.exports\b/)?.[1];
  if (!holder) throw new Error("no variable in the glue holds the wasm instance's exports");
  return (name, flags = '') => new RegExp(`(?<![\\w$])(${escapeRegExp(holder)}\\.)${escapeRegExp(name)}\\b`, flags);
}
