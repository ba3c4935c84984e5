// The physical limit the app is measured against: the same programme as one plain HTML file
// with a few lines of inline CSS, no script, and the session live at `at` marked when the file
// is written, so it is on screen with the first paint.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';

// A text of programme.toml is a plain string or a table by language: the English original.
const en = (text) => (typeof text === 'string' ? text : text.en);
const escape = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
// Times carry the offset New York had on the day, so their wall-clock part is New York's.
const time = (rfc3339) => `<time datetime="${rfc3339}">${rfc3339.slice(11, 16)}</time>`;

const css = `body{margin:0 auto;max-width:40rem;padding:16px;font:16px/1.45 system-ui,sans-serif;color:#14202e;background:#f4f6f9}
h1{font-size:1.4rem;margin:0 0 .3rem}.where{color:#4f5d6d;margin:0 0 1rem}
ol{list-style:none;padding:0}li.session{background:#fff;border:1px solid #d9e0e8;border-radius:12px;padding:12px 16px;margin:0 0 12px}
li.live{border:2px solid #0a7a43;background:#e4f5ec}.when{font-variant-numeric:tabular-nums;color:#4f5d6d;margin:0}
h3{margin:.2rem 0;font-size:1.1rem}.topic,.speaker{margin:.2rem 0}`;

/** The page's HTML for the instant `at` (ms since the epoch). */
export function staticHtml(programmeToml, at) {
  const { meeting, session: sessions } = parse(programmeToml);
  const items = sessions.map((s) => {
    const live = Date.parse(s.starts) <= at && at < Date.parse(s.ends);
    const themes = s.themes ? `<p>${escape(en(s.themes_intro ?? ''))}</p><ul>${s.themes.map((t) => `<li>${escape(en(t))}</li>`).join('')}</ul>` : '';
    return `<li class="session${live ? ' live' : ''}" id="${s.id}"${live ? ' aria-current="time"' : ''}>`
      + `<p class="when">${time(s.starts)}–${time(s.ends)}${live ? ' · <strong>Now</strong>' : ''}</p>`
      + `<h3>${escape(en(s.title))}</h3>`
      + (s.topic ? `<p class="topic">${escape(en(s.topic))}</p>` : '')
      + (s.speaker ? `<p class="speaker">${escape(en(s.speaker))}</p>` : '')
      + `${themes}</li>`;
  });
  const day = new Date(`${sessions[0].starts.slice(0, 10)}T00:00:00Z`)
    .toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="The programme of the meeting, as a static page.">
<link rel="icon" href="data:,">
<title>${escape(en(meeting.title))}</title><style>${css}</style></head>
<body><header><h1>${escape(en(meeting.title))}</h1><p class="where">${day} · ${escape(en(meeting.venue))} · ${escape(en(meeting.time_zone_name ?? meeting.time_zone))} time</p></header>
<main><h2>Programme</h2><ol class="sessions">${items.join('\n')}</ol></main></body></html>
`;
}

// The least a page can do whose text changes each second: a plain script that writes the
// seconds into one element, the floor for the main-thread work of any countdown.
const countdown = `<p id="countdown"></p><script>
const c = document.getElementById('countdown');
const tick = () => { c.textContent = new Date().toISOString().slice(11, 19); setTimeout(tick, 1000 - (Date.now() % 1000)); };
tick();
</script>`;

/**
 * Writes the page for `at` as index.html into a new temporary folder, and the same page with
 * a plain countdown as countdown.html; returns the folder.
 */
export function writeStaticPage(at, programme = 'programme.toml') {
  const dir = mkdtempSync(join(tmpdir(), 'nownext-static-'));
  const html = staticHtml(readFileSync(programme, 'utf8'), at);
  writeFileSync(join(dir, 'index.html'), html);
  writeFileSync(join(dir, 'countdown.html'), html.replace('<main>', `${countdown}<main>`));
  return dir;
}
