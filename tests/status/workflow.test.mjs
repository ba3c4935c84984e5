// The Pages workflow (.github/workflows/pages.yml): actionlint finds nothing in it (with
// ShellCheck on its scripts), and its cache key covers every input of the bundle but
// status.json, so a status-only push never deploys a stale bundle.
// actionlint comes from PyPI into ~/.cache/nownext/actionlint (scripts/setup installs it);
// without it the lint test is skipped, saying so.
// Run: node --test tests/status/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TOP = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WORKFLOW = '.github/workflows/pages.yml';
const TOOLS = join(homedir(), '.cache/nownext/actionlint/bin');
const ACTIONLINT = join(TOOLS, 'actionlint');

test('actionlint finds nothing in the Pages workflow', (t) => {
  if (!existsSync(ACTIONLINT)) {
    t.skip(`no actionlint at ${ACTIONLINT}: scripts/setup installs it from PyPI`);
    return;
  }
  // The same folder holds ShellCheck, which actionlint runs on every `run:` script.
  const env = { ...process.env, PATH: `${TOOLS}:${process.env.PATH}`, NO_COLOR: '1' };
  const result = spawnSync(ACTIONLINT, ['-no-color', '-verbose', WORKFLOW], { cwd: TOP, env, encoding: 'utf8' });
  assert.equal(result.error, undefined);
  assert.equal(result.status, 0, `actionlint:\n${result.stdout}${result.stderr}`);
  assert.equal(result.stdout, '');
  assert.doesNotMatch(result.stderr, /Rule "shellcheck" was disabled/, 'ShellCheck ran');
});

/** The patterns of every hashFiles(...) in the line that starts with `key: <prefix>`. */
function keyPatterns(yaml, prefix) {
  const line = yaml.split('\n').find((l) => l.trim().startsWith(`key: ${prefix}`));
  assert.ok(line, `a cache key starting ${prefix}`);
  return [...line.matchAll(/'([^']+)'/g)].map((m) => m[1]);
}

/** Whether `file` matches a hashFiles pattern of the forms used: `dir/**` or an exact path. */
const covers = (pattern, file) => (pattern.endsWith('/**') ? file.startsWith(pattern.slice(0, -2)) : file === pattern);

test('the bundle\'s cache key covers every input but status.json', () => {
  const patterns = keyPatterns(readFileSync(join(TOP, WORKFLOW), 'utf8'), 'dist-');
  assert.ok(!patterns.some((p) => covers(p, 'status.json')), 'status.json is not in the key');
  // What the bundle does not depend on. A new file outside these goes into the key, or here.
  const notInputs = [
    /^status\.json$/,
    /^(docs|tests|bench|publish|\.ci)\//,
    /^scripts\/(icons|preview-links|screenshots|serve|status|test)$/,
    /^(README\.md|\.gitignore|playwright\.config\.ts|webdriver\.json)$/,
  ];
  const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: TOP, encoding: 'utf8' }).split('\n').filter(Boolean);
  const uncovered = tracked.filter((f) => !notInputs.some((r) => r.test(f)) && !patterns.some((p) => covers(p, f)));
  assert.deepEqual(uncovered, [], 'files that may change the bundle but not its cache key');
});
