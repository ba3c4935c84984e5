// `scripts/serve` prints a preview link into the middle of each session: the first thing a
// new user sees, so it must keep up with the programme file's format.
import { execFileSync } from 'node:child_process';
import { test, expect, sessions, middle, meetingClock, days } from './support';

test('a preview link for each session, into its middle, titled in English', () => {
  const out = execFileSync('scripts/preview-links', ['http://host/'], { encoding: 'utf8' });
  const lines = out.trim().split('\n');
  expect(lines).toHaveLength(sessions.length);
  sessions.forEach((s, i) => {
    const { date, time } = meetingClock(middle(s));
    const minute = time.slice(0, 5);
    // `?at=HH:MM` is that time on the meeting's first day; a later day needs its date.
    const links = [`?at=${date}T${minute}`, ...(date === days[0] ? [`?at=${minute}`] : [])].map((q) => `http://host/${q}`);
    expect(lines[i]).toContain(s.title);
    expect(links.some((link) => lines[i].trim().endsWith(` ${link}`)), `${lines[i]} ends with one of ${links.join(', ')}`).toBe(true);
  });
});
