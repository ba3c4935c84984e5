// Renders style/icon.svg to the PNG icons the manifest and iOS want, with Chromium. Run it
// again after changing the SVG, from the repository's root: node scripts/icons.mjs
// "any" icons keep the SVG's rounded corners (transparent outside); maskable and Apple's are
// full-bleed squares (the platform cuts its own shape), the clock well inside the safe zone.
// Written as palette PNGs: the icon is two colours and their antialiased blends.
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';

const svg = readFileSync('style/icon.svg', 'utf8');
const square = svg.replace(' rx="14"', '');
const icons = [
  ['style/icon-192.png', 192, svg],
  ['style/icon-512.png', 512, svg],
  ['style/icon-maskable-512.png', 512, square],
  ['style/apple-touch-icon.png', 180, square],
];

/** An 8-bit palette PNG of RGBA pixels, channels rounded until 256 colours suffice. */
function palettePng({ width, height, data }) {
  let step = 1;
  let key;
  let colours;
  for (;;) {
    key = (i) => [0, 1, 2, 3].map((c) => Math.min(255, Math.round(data[i + c] / step) * step));
    colours = new Map();
    for (let i = 0; i < data.length; i += 4) {
      const k = key(i).join();
      if (!colours.has(k)) colours.set(k, colours.size);
    }
    if (colours.size <= 256) break;
    step += 1;
  }
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows[y * (width + 1) + 1 + x] = colours.get(key((y * width + x) * 4).join());
  }
  const entries = [...colours.keys()].map((k) => k.split(',').map(Number));
  const chunk = (type, body) => {
    const out = Buffer.alloc(12 + body.length);
    out.writeUInt32BE(body.length, 0);
    out.write(type, 4, 'latin1');
    body.copy(out, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 3; // palette
  const alpha = entries.map((e) => e[3]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', Buffer.from(entries.flatMap((e) => e.slice(0, 3)))),
    ...(alpha.some((a) => a < 255) ? [chunk('tRNS', Buffer.from(alpha))] : []),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ deviceScaleFactor: 1 });
for (const [file, size, source] of icons) {
  await page.setViewportSize({ width: size, height: size });
  const sized = source.replace('<svg ', `<svg width="${size}" height="${size}" `);
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`);
  writeFileSync(file, palettePng(PNG.sync.read(await page.screenshot({ omitBackground: true }))));
  console.log(file, size);
}
await browser.close();
