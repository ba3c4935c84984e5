// The room's status file: the checker (publish/status.mjs) on every fixture, the command
// that publishes (scripts/status) end to end in a temporary folder, and the repository's own
// status.json. The Rust parser (src/day/room/) is held to the same fixtures by its own tests.
// Run: node --test tests/status/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_STATUS, MAX_BYTES, checkStatus, formatStatus, isTime } from '../../publish/status.mjs';

const TOP = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = join(TOP, 'tests/fixtures/status');
const COMMAND = join(TOP, 'scripts/status');
const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort();

/**
 * What each bad fixture must be refused for: the field its message names (`''` for the file
 * as a whole), and a word of the rule. A new bad fixture needs a line here.
 */
const REFUSED = {
  'bad-not-json.json': ['', /not JSON/],
  'bad-truncated.json': ['', /cut short/],
  'bad-array.json': ['', /JSON list/],
  'bad-html.json': ['', /HTML page/],
  'bad-unknown-key.json': ['delays', /unknown field: correct its name or remove it/],
  'bad-delay-unknown-key.json': ['delay.from', /unknown field: correct its name or remove it/],
  'bad-notice-unknown-key.json': ['notices[0].colour', /unknown field: correct its name or remove it/],
  'bad-version-negative.json': ['version', /-1 is not a whole number/],
  'bad-version-float.json': ['version', /not a whole number/],
  'bad-version-too-large.json': ['version', /9007199254740992 is not a whole number from 0 to 9007199254740991/],
  'bad-version-string.json': ['version', /"1333476300" is not a whole number.*without quotes/],
  'bad-version-missing.json': ['version', /missing/],
  'bad-published-missing.json': ['published', /missing/],
  'bad-published-no-offset.json': ['published', /offset/],
  'bad-delay-number.json': ['delay', /not an object/],
  'bad-minutes-missing.json': ['delay.minutes', /missing/],
  'bad-minutes-negative.json': ['delay.minutes', /^-5 is not a whole number of minutes from 0 to 1440/],
  'bad-minutes-too-many.json': ['delay.minutes', /^1441 is not a whole number of minutes/],
  'bad-minutes-string.json': ['delay.minutes', /^"10" is not a whole number of minutes.*without quotes/],
  'bad-minutes-fraction.json': ['delay.minutes', /^10\.5 is not a whole number/],
  'bad-since-malformed.json': ['delay.since', /"14h05" is not a time/],
  'bad-since-out-of-range.json': ['delay.since', /"24:00" is not a time/],
  'bad-until-malformed.json': ['notices[0].until', /"4 pm" is not a time/],
  'bad-notices-six.json': ['notices', /6 notices, more than 5/],
  'bad-notices-not-list.json': ['notices', /not a list/],
  'bad-text-blank.json': ['notices[0].text', /only spaces/],
  'bad-text-empty.json': ['notices[1].text', /empty/],
  'bad-text-too-long.json': ['notices[0].text', /281 characters, more than 280/],
  'bad-text-no-en.json': ['notices[0].text', /no "en"/],
  'bad-text-unknown-language.json': ['notices[1].text.de', /unknown language "de"/],
  'bad-text-blank-language.json': ['notices[1].text.fr', /only spaces/],
  'bad-text-number.json': ['notices[0].text', /42 is not a text/],
};

test('the fixtures are the good and bad files the rules name', () => {
  const bad = fixtures.filter((f) => f.startsWith('bad-'));
  assert.ok(fixtures.filter((f) => f.startsWith('good-')).length >= 6, 'at least six good files');
  assert.ok(bad.length >= 14, 'at least fourteen bad files');
  assert.deepEqual(fixtures.filter((f) => !/^(good|bad)-/.test(f)), [], 'every fixture is good-* or bad-*');
  assert.deepEqual(bad, Object.keys(REFUSED).sort(), 'every bad fixture has its expected field in REFUSED, and no more');
  for (const f of fixtures) assert.ok(statSync(join(FIXTURES, f)).size <= MAX_BYTES, `${f} is small`);
});

for (const file of fixtures.filter((f) => f.startsWith('good-'))) {
  test(`accepted: ${file}`, () => {
    const checked = checkStatus(readFileSync(join(FIXTURES, file)), 'status.json');
    assert.deepEqual(checked.problems, undefined);
    assert.equal(checked.ok, true);
    // What scripts/status would write from it is accepted too, and says the same.
    assert.deepEqual(checkStatus(formatStatus(checked.status)).status, checked.status);
  });
}

for (const file of fixtures.filter((f) => f.startsWith('bad-'))) {
  test(`refused, naming the field: ${file}`, () => {
    const checked = checkStatus(readFileSync(join(FIXTURES, file)), 'status.json');
    assert.equal(checked.ok, false, `${file} must be refused`);
    assert.equal(checked.problems.length, 1, `one rule broken, one message: ${checked.problems.join(' | ')}`);
    const [field, rule] = REFUSED[file];
    const message = checked.problems[0];
    const prefix = field ? `status.json: ${field}: ` : 'status.json: ';
    assert.ok(message.startsWith(prefix), `${message}\nstarts with ${prefix}`);
    const rest = message.slice(prefix.length);
    if (!field) assert.doesNotMatch(rest, /^[a-z.[\]0-9]+: /, 'a file-level message names no field');
    assert.match(rest, rule);
    // Says what to write instead.
    assert.match(rest, /: .*\b(write|remove|shorten|save|add)\b/);
  });
}

test('the size limit counts bytes: 16384 accepted, 16385 refused, without reading on', () => {
  // A file of `size` bytes: spaces between the tokens, which no other rule counts.
  const padded = (size) => `{${' '.repeat(size - '{"version": 0}'.length)}"version": 0}`;
  assert.equal(Buffer.byteLength(padded(MAX_BYTES)), MAX_BYTES);
  assert.equal(checkStatus(padded(MAX_BYTES)).ok, true);
  const over = checkStatus(padded(MAX_BYTES + 1));
  assert.equal(over.ok, false);
  assert.match(over.problems[0], /^status\.json: 16385 bytes, more than the 16384/);
  // Multi-byte characters count as their bytes.
  const wide = `{"version": 0, "notices": [${Array.from({ length: 5 }, () => `{"text": "${'会'.repeat(280)}"}`).join(', ')}]}`;
  assert.ok(Buffer.byteLength(wide) < MAX_BYTES, 'five notices of 280 Chinese characters fit');
  assert.equal(checkStatus(wide).ok, true);
  const texts = { en: '会', zh: '会', ar: 'ع', es: 'ñ', fr: 'é', ru: 'ж' };
  const six = JSON.stringify(Object.fromEntries(Object.entries(texts).map(([lang, c]) => [lang, c.repeat(280)])));
  const oversize = `{"version": 0, "notices": [${Array.from({ length: 5 }, () => `{"text": ${six}}`).join(', ')}]}`;
  assert.ok(Buffer.byteLength(oversize) > MAX_BYTES);
  assert.match(checkStatus(oversize).problems[0], /bytes, more than the 16384/);
});

test('messages name the file they were given', () => {
  const checked = checkStatus('{"version": 0, "delay": {"minutes": -5}}', 'dist/status.json');
  assert.deepEqual(checked.problems, ['dist/status.json: delay.minutes: -5 is not a whole number of minutes from 0 to 1440: write digits without quotes, such as 10, or 0 for on time']);
});

test('the page reads JSON as JSON.parse does: a repeated key keeps its last value; 10.0 is 10', () => {
  assert.deepEqual(checkStatus('{"version": 0, "delay": {"minutes": 5, "minutes": 10.0}}').status, { version: 0, delay: { minutes: 10 } });
  assert.equal(checkStatus('{"version": 0, "published": null}').ok, true, 'a null publication time says nothing');
  assert.equal(checkStatus('{"version": 0, "delay": null}').ok, false);
  assert.equal(checkStatus('{"version": 0, "notices": [{"text": "\\ud800"}]}').ok, false, 'an unpaired surrogate, which serde_json refuses');
  assert.equal(checkStatus('\uFEFF{"version": 0}').ok, false, 'a byte order mark, which serde_json refuses');
});

test('times take the forms of the address\'s at=', () => {
  for (const good of ['14:05', '9:05', '0:00', '23:59:59', '2012-04-03T14:05', '2012-04-03T9:05', '2012-04-03T14:05:00', '2012-04-03T14:05:00-04:00', '2012-04-03T18:05:00Z', '2012-04-03T18:05:00.5Z', ' 14:05 ', '2012-04-03T17:30:00 02:00']) {
    assert.ok(isTime(good), good);
  }
  for (const bad of ['', ' ', '14h05', '24:00', '14:5', '14:05:60', '14:05:00:00', '2012-02-30T10:00', '12-04-03T11:30', '2012-04-03 14:05', '+14:05', 'noon', `${'1'.repeat(60)}:00:00`]) {
    assert.ok(!isTime(bad), JSON.stringify(bad));
  }
});

// scripts/status, run as an organiser runs it, in a folder that holds a bundle.

/** A temporary bundle folder (it holds index.html), removed after the test. */
function bundle(t) {
  const dir = mkdtempSync(join(tmpdir(), 'nownext-status-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'dist/index.html'), '<!doctype html>');
  return dir;
}

/** Runs scripts/status in `cwd`; SOURCE_DATE_EPOCH fixes its clock when given. */
function run(cwd, args, epoch) {
  const env = { ...process.env };
  delete env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined) env.SOURCE_DATE_EPOCH = String(epoch);
  const result = spawnSync(COMMAND, args, { cwd, env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const read = (dir) => JSON.parse(readFileSync(join(dir, 'dist/status.json'), 'utf8'));
const T = 1333476300;

test('scripts/status writes the status, checked, in one step, and says so in one line', (t) => {
  const dir = bundle(t);
  const out = run(dir, ['--late', '10', '--since', '14:05', '--notice', 'Panel II now in Conference Room 4', '--until', '16:00', '--notice', 'Lunch in the Delegates\' Lounge', '--dist', 'dist'], T);
  assert.equal(out.code, 0, out.stderr);
  assert.equal(out.stderr, '');
  assert.equal(out.stdout, `scripts/status: wrote dist/status.json: version ${T}, published 2012-04-03T18:05:00Z, running 10 minutes late since 14:05, 2 notices\n`);
  assert.deepEqual(read(dir), {
    version: T,
    published: '2012-04-03T18:05:00Z',
    delay: { minutes: 10, since: '14:05' },
    notices: [{ text: 'Panel II now in Conference Room 4', until: '16:00' }, { text: 'Lunch in the Delegates\' Lounge' }],
  });
  const text = readFileSync(join(dir, 'dist/status.json'), 'utf8');
  assert.equal(checkStatus(text).ok, true);
  assert.equal(text, formatStatus(read(dir)), 'pretty-printed, keys in order, one final newline');
  assert.deepEqual(readdirSync(join(dir, 'dist')).sort(), ['index.html', 'status.json'], 'no temporary file left');
});

test('scripts/status --late 0 puts the day back on time, with no since and no notices', (t) => {
  const dir = bundle(t);
  assert.equal(run(dir, ['--late', '10', '--since', '14:05', '--notice', 'Lunch', '--dist', 'dist'], T).code, 0);
  const out = run(dir, ['--late', '0', '--dist=dist'], T + 60);
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /on time, no notices\n$/);
  assert.deepEqual(read(dir), { version: T + 60, published: '2012-04-03T18:06:00Z', delay: { minutes: 0 }, notices: [] });
});

test('the version grows with every publication, even within one second', (t) => {
  const dir = bundle(t);
  for (const expected of [T, T + 1, T + 2]) {
    assert.equal(run(dir, ['--late', '5', '--dist', 'dist'], T).code, 0);
    assert.equal(read(dir).version, expected);
  }
  // On the real clock, back to back.
  const before = read(dir).version;
  assert.equal(run(dir, ['--late', '5', '--dist', 'dist']).code, 0);
  const first = read(dir).version;
  assert.equal(run(dir, ['--late', '5', '--dist', 'dist']).code, 0);
  assert.ok(first > before && read(dir).version > first);
  assert.ok(Math.abs(first - Date.now() / 1000) < 60, 'the real clock, in seconds');
});

test('scripts/status --stamp keeps a hand-edited file\'s delay and notices and gives it a new version', (t) => {
  const dir = bundle(t);
  const edited = readFileSync(join(FIXTURES, 'good-notices-multilingual.json'), 'utf8').replace('"version": 1333476300', '"version": 0');
  writeFileSync(join(dir, 'dist/status.json'), edited);
  const out = run(dir, ['--stamp', '--dist', 'dist'], T + 600);
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /^scripts\/status: stamped dist\/status\.json: version 1333476900, published 2012-04-03T18:15:00Z, running 10 minutes late since 14:05, 4 notices\n$/);
  const before = JSON.parse(edited);
  const after = read(dir);
  assert.deepEqual({ delay: after.delay, notices: after.notices }, { delay: before.delay, notices: before.notices });
  assert.equal(after.version, T + 600);
  assert.equal(after.published, '2012-04-03T18:15:00Z');
  // Stamped again in the same second: larger still.
  assert.equal(run(dir, ['--stamp', '--dist', 'dist'], T + 600).code, 0);
  assert.equal(read(dir).version, T + 601);
  // A file that is larger already stays ahead.
  writeFileSync(join(dir, 'dist/status.json'), JSON.stringify({ ...after, version: T + 5000 }));
  assert.equal(run(dir, ['--stamp', '--dist', 'dist'], T + 600).code, 0);
  assert.equal(read(dir).version, T + 5001);
});

test('scripts/status --stamp refuses a bad file and leaves it as it was', (t) => {
  const dir = bundle(t);
  const bad = readFileSync(join(FIXTURES, 'bad-minutes-negative.json'), 'utf8');
  writeFileSync(join(dir, 'dist/status.json'), bad);
  const out = run(dir, ['--stamp', '--dist', 'dist'], T);
  assert.equal(out.code, 1);
  assert.match(out.stderr, /^dist\/status\.json: delay\.minutes: -5 is not a whole number of minutes from 0 to 1440/);
  assert.equal(readFileSync(join(dir, 'dist/status.json'), 'utf8'), bad);
  assert.equal(run(dir, ['--stamp', '--dist', 'nowhere'], T).code, 2);
  rmSync(join(dir, 'dist/status.json'));
  const missing = run(dir, ['--stamp', '--dist', 'dist'], T);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no such file: copy the repository's status\.json there first/);
});

test('scripts/status --check: exit 0 for a good file, 1 with the field for a bad one', (t) => {
  const dir = bundle(t);
  const good = run(TOP, ['--check', 'tests/fixtures/status/good-notices-multilingual.json']);
  assert.equal(good.code, 0, good.stderr);
  assert.match(good.stdout, /^tests\/fixtures\/status\/good-notices-multilingual\.json: good: version 1333476300, .*, 4 notices\n$/);
  const bad = run(TOP, ['--check', 'tests/fixtures/status/bad-text-unknown-language.json']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^tests\/fixtures\/status\/bad-text-unknown-language\.json: notices\[1\]\.text\.de: unknown language "de"/);
  const missing = run(dir, ['--check', 'nothing.json']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^nothing\.json: cannot be read: no such file/);
});

test('scripts/status refuses bad arguments with exit 2, naming the argument and what to write', (t) => {
  const dir = bundle(t);
  writeFileSync(join(dir, 'other'), '');
  const long = 'x'.repeat(281);
  for (const [args, said] of [
    [[], /nothing to do: --late MINUTES/],
    [['--late'], /--late needs a value, such as --late 10/],
    [['--late', 'ten'], /--late "ten" is not a whole number of minutes from 0 to 1440: write --late 10/],
    [['--late', '-5'], /--late "-5" is not a whole number/],
    [['--late', '1441'], /--late "1441" is not a whole number/],
    [['--late', '10.5'], /--late "10.5" is not a whole number/],
    [['--late', '5', '--late', '6'], /--late given twice/],
    [['--since', '14:05'], /say how late the day runs: --late MINUTES/],
    [['--notice', 'Lunch'], /say how late the day runs/],
    [['--late', '10', '--since', '25:00'], /--since "25:00" is not a time: write --since 14:05/],
    [['--late', '0', '--since', '14:05'], /--since has no meaning with --late 0/],
    [['--late', '10', '--until', '16:00'], /--until 16:00 must come right after the --notice it takes down/],
    [['--late', '10', '--notice', 'Lunch', '--until', '16:00', '--until', '17:00'], /--until 17:00 must come right after/],
    [['--late', '10', '--notice', 'Lunch', '--until', '4pm'], /--until "4pm" is not a time: write --until 16:00/],
    [['--late', '10', '--notice', ''], /--notice 1 \(""\): empty: write the notice/],
    [['--late', '10', '--notice', '   '], /--notice 1 \("   "\): only spaces/],
    [['--late', '10', '--notice', long], /--notice 1 \("x{40}…"\): 281 characters, more than 280: shorten it/],
    [['--late', '10', ...['a', 'b', 'c', 'd', 'e', 'f'].flatMap((n) => ['--notice', n])], /--notice: 6 notices, more than 5/],
    [['--late', '10', '--notice'], /--notice needs a value/],
    [['--late', '10', '--notice', '--until', '16:00'], /--notice needs a value.*--notice=TEXT/],
    [['--late', '10', '--dist', 'nowhere'], /--dist nowhere: no such folder/],
    [['--late', '10', '--dist', '.'], /--dist \.: no index\.html there, so it is not a bundle/],
    [['--late', '10', '--dist', 'other'], /--dist other: no such folder/],
    [['--delay', '10'], /unknown argument "--delay": see scripts\/status --help/],
    [['10'], /unknown argument "10"/],
    [['--check'], /--check needs a value/],
    [['--check', 'status.json', '--late', '10'], /--check FILE goes alone/],
    [['--stamp', '--late', '10'], /--stamp keeps the file's delay and notices/],
    [['--stamp=yes'], /--stamp takes no value/],
  ]) {
    const out = run(dir, args, T);
    assert.equal(out.code, 2, `${args.join(' ')}: ${out.stderr}`);
    assert.match(out.stderr, /^scripts\/status: /, args.join(' '));
    assert.match(out.stderr, said, args.join(' '));
    assert.match(out.stderr, /\nusage: scripts\/status --late MINUTES/, 'the usage follows');
    assert.equal(out.stdout, '');
  }
  assert.deepEqual(readdirSync(join(dir, 'dist')), ['index.html'], 'nothing written');
  const clock = run(dir, ['--late', '10', '--dist', 'dist'], 'yesterday');
  assert.equal(clock.code, 2);
  assert.match(clock.stderr, /SOURCE_DATE_EPOCH="yesterday" is not a Unix time/);
});

test('scripts/status --help says how to use it, exit 0', () => {
  const out = run(TOP, ['--help']);
  assert.equal(out.code, 0);
  assert.match(out.stdout, /^usage: scripts\/status --late MINUTES \[--since TIME\] \[--notice TEXT \[--until TIME\]\]\.\.\. \[--dist DIR\]\n/);
  for (const option of ['--late', '--since', '--notice', '--until', '--dist', '--stamp', '--check']) assert.match(out.stdout, new RegExp(`\\n  ${option} `));
});

test('the repository\'s status.json is the default: good, nothing published', () => {
  const text = readFileSync(join(TOP, 'status.json'), 'utf8');
  const checked = checkStatus(text);
  assert.equal(checked.ok, true, checked.problems?.join('\n'));
  assert.deepEqual(checked.status, DEFAULT_STATUS);
  assert.equal(text, formatStatus(DEFAULT_STATUS), 'pretty-printed as scripts/status writes');
  assert.equal(run(TOP, ['--check', 'status.json']).code, 0);
});
