// What following the room costs and how fast it is (issue #17), on the release bundle in
// Chromium with Playwright's fake clock: the requests and bytes one phone costs the host in
// an hour at the default interval (the server counts them), and the time from publishing a
// new status.json to every open page showing it (phones opened at different moments, and
// the projector). Shared by npm run bench, which puts the figures in docs/benchmark.md.
// Usage: node bench/room.mjs            (on dist/, built by scripts/build)
import { pathToFileURL } from 'node:url';
import { parse } from 'smol-toml';
import { readFileSync } from 'node:fs';
import { RoomServer } from '../tests/e2e/room-server.mjs';
import { launch } from './perf.mjs';

const { session: sessions } = parse(readFileSync('programme.toml', 'utf8'));
/** The middle of the second session: the day under way. */
const AT = (new Date(sessions[1].starts).getTime() + new Date(sessions[1].ends).getTime()) / 2;
const status = (version, minutes, at) =>
  JSON.stringify({ version, published: new Date(at).toISOString(), delay: { minutes }, notices: [] });

async function openPage(browser, room, path, at) {
  const page = await browser.newPage({ serviceWorkers: 'block', viewport: { width: 390, height: 844 } });
  await page.clock.install({ time: at - 1000 });
  await page.clock.pauseAt(at);
  await page.goto(room.url + path);
  await page.locator(path ? '.pj-state' : '.now-state').first().waitFor();
  return page;
}

/** Runs the fake clock `seconds` on, a second at a time, letting each check finish. */
async function tick(page) {
  await page.clock.runFor(1000);
  await new Promise((resolve) => setTimeout(resolve, 5));
}

/** One phone for an hour: the requests and the bytes both ways. */
export async function hourOfOnePhone(browser) {
  const room = await new RoomServer('dist').start();
  try {
    room.reply = { body: status(1, 10, AT - 60_000) };
    const page = await openPage(browser, room, '', AT);
    for (let second = 0; second < 3600; second += 10) {
      await page.clock.runFor(10_000);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await page.close();
    const sum = (key) => room.traffic.reduce((n, t) => n + t[key], 0);
    return {
      requests: room.asked.length,
      notModified: room.asked.filter((s) => s === 304).length,
      sent: sum('sent'),
      received: sum('received'),
    };
  } finally {
    room.stop();
  }
}

/** Seconds of fake time from publishing to each page showing the new delay. */
export async function publishToShown(browser) {
  const room = await new RoomServer('dist').start();
  try {
    // Pages opened 0, 20 and 40 seconds apart, so their checks fall at different moments.
    const pages = [];
    for (const [name, path, late] of [['phone', '', 0], ['phone', '', 20], ['phone', '', 40], ['projector', 'projector/', 30]]) {
      pages.push({ name: `${name} opened ${late} s later`, page: await openPage(browser, room, path, AT + late * 1000) });
    }
    // A minute and a half into the pages' lives, the room publishes 25 minutes late.
    await Promise.all(pages.map(({ page }) => page.clock.runFor(90_000)));
    room.reply = { body: status(2, 25, AT + 90_000) };
    const seconds = {};
    for (let s = 1; s <= 180 && Object.keys(seconds).length < pages.length; s++) {
      await Promise.all(pages.map(({ page }) => tick(page)));
      for (const { name, page } of pages) {
        if (name in seconds) continue;
        const late = await page.locator('.now-late, .pj-notices .late').first().textContent({ timeout: 1000 }).catch(() => '');
        if (late?.includes('25')) seconds[name] = s;
      }
    }
    for (const { page } of pages) await page.close();
    return seconds;
  } finally {
    room.stop();
  }
}

// Run alone: prints the figures.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const browser = await launch();
  try {
    const hour = await hourOfOnePhone(browser);
    console.log(`one phone, one hour at the default interval: ${hour.requests} requests (${hour.notModified} answered 304), ` +
      `${hour.sent.toLocaleString('en-US')} B sent by the host, ${hour.received.toLocaleString('en-US')} B received`);
    const shown = await publishToShown(browser);
    for (const [name, s] of Object.entries(shown)) console.log(`published → shown, ${name}: ${s} s of fake time`);
  } finally {
    await browser.close();
  }
}
