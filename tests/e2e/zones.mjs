// Clocks of time zones, for tests that must hold for a meeting in any zone: the meeting's
// own wall clock at an instant, and zones far from it for a phone set elsewhere. Shared by
// the end-to-end tests (support.ts) and the engine suite.

/** The UTC offset `zone` had at `at` (ms since the epoch), in minutes east of UTC. */
export function offsetMinutes(zone, at) {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName').value; // `GMT-04:00`, or `GMT` at UTC
  const found = /([+-])(\d{2}):(\d{2})/.exec(name);
  return found ? (found[1] === '-' ? -1 : 1) * (Number(found[2]) * 60 + Number(found[3])) : 0;
}

/**
 * The instant `at` on the wall clock of `zone`, as programme.toml would write it: its date
 * (`2012-04-03`), its time (`11:30`, with `:15` when the seconds are not 0) and the whole
 * RFC 3339 form (`2012-04-03T11:30:00-04:00`).
 */
export function wallClock(zone, at) {
  const minutes = offsetMinutes(zone, at);
  const local = new Date(at + minutes * 60_000).toISOString();
  const sign = minutes < 0 ? '-' : '+';
  const offset = `${sign}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;
  const seconds = local.slice(17, 19);
  return {
    date: local.slice(0, 10),
    time: local.slice(11, 16) + (seconds === '00' ? '' : `:${seconds}`),
    rfc3339: local.slice(0, 19) + offset,
  };
}

/**
 * A zone whose clock reads at least 4 hours from `zone`'s at `at`: a phone still on its
 * owner's home clock, so every time it shows of its own differs from the meeting's. Tokyo
 * for a meeting in New York or Geneva; Honolulu for one in Asia or the Pacific.
 */
export function farZone(zone, at) {
  return ['Asia/Tokyo', 'Pacific/Honolulu', 'Europe/Zurich'].find(
    (z) => Math.abs(offsetMinutes(z, at) - offsetMinutes(zone, at)) >= 240,
  );
}
