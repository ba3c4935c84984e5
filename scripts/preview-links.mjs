// Prints preview addresses for the programme in programme.toml: the middle of each session,
// so the person who just started the server can see the live states at once.
import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';

const base = process.argv[2] ?? 'http://127.0.0.1:8080/';
const { session: sessions } = parse(readFileSync(new URL('../programme.toml', import.meta.url), 'utf8'));
for (const s of sessions) {
  const starts = Date.parse(s.starts);
  const middle = new Date(starts + (Date.parse(s.ends) - starts) / 2);
  // The wall-clock time of the meeting's day, as the app reads ?at=HH:MM.
  const offset = s.starts.slice(-6);
  const sign = offset[0] === '-' ? -1 : 1;
  const shift = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60000;
  const wall = new Date(middle.getTime() + shift).toISOString().slice(11, 16);
  // A title is a plain string, or a table of the English original and its translations.
  const title = typeof s.title === 'string' ? s.title : s.title.en;
  console.log(`  ${title.padEnd(34)} ${base}?at=${wall}`);
}
