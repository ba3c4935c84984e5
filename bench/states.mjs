// The instants the benchmark puts the page at, read from programme.toml, never typed: the
// middle of the first session that has another after it (live, with a next session), the
// middle of the first break (if the day has one), and an hour after the day ends.
import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';

const { meeting, session: sessions } = parse(readFileSync(new URL('../programme.toml', import.meta.url), 'utf8'));
const middle = (s) => (Date.parse(s.starts) + Date.parse(s.ends)) / 2;
const live = sessions.find((s, i) => s.kind !== 'break' && i + 1 < sessions.length) ?? sessions[0];
const pause = sessions.find((s) => s.kind === 'break');

/** The meeting's zone, for the phone the benchmark pretends to be. */
export const TIME_ZONE = meeting.time_zone;
/** The states, each an instant in ms since the epoch. */
export const STATES = {
  live: middle(live),
  ...(pause ? { break: middle(pause) } : {}),
  after: Date.parse(sessions[sessions.length - 1].ends) + 3_600_000,
};
/** The instant the timings and the work per second are measured at: live. */
export const AT = STATES.live;
/** `at` as the meeting's wall clock, HH:MM, for what the benchmark says. */
export const wallClock = (at) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' }).format(at);
