// Minifies the JS glue wasm-bindgen wrote for a page Trunk has built, in place, with terser:
// names and comments no phone needs, over half its bytes and a fifth of them once brotli
// compresses it (Lighthouse flags it).
// Its file name keeps Trunk's hash of the unminified glue, which still changes with every
// change to the glue. Run by scripts/post-build before scripts/seal.mjs, which then writes
// the integrity of what is served:
//   node scripts/minify.mjs "$TRUNK_STAGING_DIR"
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
import { stepArguments } from './page-files.mjs';

/** The glue `source`, minified. A module: its exports keep their names, only what is inside
 * is renamed, and what nothing reaches goes (scripts/prune.mjs reads it so). */
export async function minifyGlue(source) {
  const { code } = await minify(source, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  return code;
}

// Run as a script, not imported (by scripts/prune.mjs); through symlinks too.
if (fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  const { glue: file, fail } = stepArguments('minify');
  const source = readFileSync(file, 'utf8');
  const code = await minifyGlue(source);
  if (!code) fail(`terser returned nothing for ${file}`);
  writeFileSync(file, code);
  console.log(`minified ${file}: ${source.length} -> ${code.length} bytes`);
}
