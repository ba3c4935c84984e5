// `scripts/serve` prints a preview link into the middle of each session: the first thing a
// new user sees, so it must keep up with the programme file's format.
import { execFileSync } from 'node:child_process';
import { test, expect, sessions, ms } from './support';

test('a preview link for each session, into its middle, titled in English', () => {
  const out = execFileSync('scripts/preview-links', ['http://host/'], { encoding: 'utf8' });
  const lines = out.trim().split('\n');
  expect(lines).toHaveLength(sessions.length);
  sessions.forEach((s, i) => {
    const middle = new Date((ms(s.starts) + ms(s.ends)) / 2).toLocaleTimeString('en-GB', {
      timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    expect(lines[i]).toContain(s.title);
    expect(lines[i].trim().endsWith(`http://host/?at=${middle}`)).toBe(true);
  });
});
