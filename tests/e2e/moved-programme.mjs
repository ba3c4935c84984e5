// Writes a corrected programme for the test of a programme update (room.spec.ts): the
// programme being built, with its last session 15 minutes later. scripts/test builds a
// second bundle from it (scripts/build --programme), as a new deployment would be.
// Usage: node tests/e2e/moved-programme.mjs <out.toml>
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'smol-toml';

const MOVED_MINUTES = 15;

/** An RFC 3339 time with its offset kept, `minutes` later. */
function later(rfc3339, minutes) {
  const utc = rfc3339.endsWith('Z');
  const offset = utc ? 'Z' : rfc3339.slice(-6);
  const sign = offset.startsWith('-') ? -1 : 1;
  const offsetMs = utc ? 0 : sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4))) * 60_000;
  const local = new Date(new Date(rfc3339).getTime() + minutes * 60_000 + offsetMs);
  return local.toISOString().slice(0, 19) + offset;
}

const out = process.argv[2];
if (!out) {
  console.error('usage: node tests/e2e/moved-programme.mjs <out.toml>');
  process.exit(2);
}
const programme = parse(readFileSync('programme.toml', 'utf8'));
const last = programme.session.at(-1);
last.starts = later(last.starts, MOVED_MINUTES);
last.ends = later(last.ends, MOVED_MINUTES);
writeFileSync(out, stringify(programme));
