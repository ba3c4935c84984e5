// Paper: printing the phone page gives one A4 portrait page with every session at its New
// York time, the page's address and a QR code for it; no controls. Read back from the PDF
// Chromium prints, with pdf.js.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { test, expect, sessions, ms, inLang, languages, openAt, decodeQr } from './support';

const during = (ms(sessions[1].starts) + ms(sessions[1].ends)) / 2;
const A4 = { width: 595, height: 842 }; // points, portrait

// A phone whose own clock is elsewhere: its own times must not reach the paper.
test.use({ timezoneId: 'Asia/Tokyo' });

for (const lang of languages) {
  test(`the day prints on one A4 page, in ${lang}`, async ({ page, baseURL }) => {
    await openAt(page, during, `?lang=${lang}&delay=10`);
    await page.emulateMedia({ media: 'print' });
    for (const control of ['.now-bar', '.language', '.row-actions', '.day-actions', '.to-projector']) {
      await expect(page.locator(control).first(), control).toBeHidden();
    }
    // The address carries the delay the sheet shows, nothing else.
    const address = new URL('/?delay=10', baseURL).href;
    await expect(page.locator('.print-only')).toContainText(address);
    expect(await decodeQr(page)).toBe(address);

    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
    expect(doc.numPages).toBe(1);
    const sheet = await doc.getPage(1);
    const { width, height } = sheet.getViewport({ scale: 1 });
    expect(Math.round(width)).toBe(A4.width);
    expect(Math.round(height)).toBe(A4.height);
    const text = (await sheet.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    expect(text).toContain(address);
    const clock = (at: number, timeZone: string) =>
      new Date(at).toLocaleTimeString('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    for (const s of sessions) {
      // The meeting's times, delay applied, each session's whole range (in visual order
      // for Arabic, as pdf.js gives it).
      const [from, to] = [ms(s.starts), ms(s.ends)].map((t) => clock(t + 10 * 60_000, 'America/New_York'));
      const range = lang === 'ar' ? `${to}–${from}` : `${from}–${to}`;
      expect(text, `${s.id}: ${range}`).toContain(range);
      // Not the viewer's own (Tokyo) times.
      expect(text, s.id).not.toContain(clock(ms(s.starts) + 10 * 60_000, 'Asia/Tokyo'));
      if (lang !== 'ar') {
        // pdf.js gives Arabic in visual order; the other scripts read back as written.
        expect(text.replace(/\s+/g, ''), s.id).toContain(inLang(s.titles, lang).replace(/\s+/g, ''));
      }
    }
    await page.screenshot({ path: `test-results/screenshots/print-${lang}.png`, fullPage: true });
  });
}
