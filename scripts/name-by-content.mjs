// Names a page's JS glue and wasm after their content as served. Trunk names them after a
// hash of what it wrote; the steps after it (scripts/prune.mjs, shorten.mjs, minify.mjs)
// change both files, so a change to those steps alone would serve new content under a name
// browsers may have cached forever: new glue beside an old wasm, whose shortened import
// names no longer match. Run by scripts/post-build after those steps, before
// scripts/seal.mjs:
//   node scripts/name-by-content.mjs "$TRUNK_STAGING_DIR"
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { stepArguments } from './page-files.mjs';

const files = stepArguments('name-by-content');
const { dir, fail } = files;
const old = basename(files.glue, '.js');
const found = old.match(/^(.+)-[0-9a-f]{16}$/);
if (!found) fail(`${files.glue} is not named <name>-<16 hex digits>.js, as Trunk names it`);
const hash = createHash('sha256').update(readFileSync(files.glue)).update(readFileSync(files.wasm)).digest('hex');
const name = `${found[1]}-${hash.slice(0, 16)}`;
const page = join(dir, 'index.html');
const html = readFileSync(page, 'utf8');
// The glue's preload and import, the wasm's preload and the loader's path.
const uses = html.split(old).length - 1;
if (uses < 3) fail(`${page} names ${old} ${uses} times, not in its glue's preload, import and wasm`);
renameSync(files.glue, join(dir, `${name}.js`));
renameSync(files.wasm, join(dir, `${name}_bg.wasm`));
writeFileSync(page, html.split(old).join(name));
console.log(`named ${old} after its content: ${name} (${uses} uses in ${page})`);
