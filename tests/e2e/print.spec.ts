// Paper: printing the phone page gives one A4 portrait page a day with every session at its time
// on the meeting's clock, the page's address and a QR code for it; no controls. Read back
// from the PDF Chromium prints, with pdf.js.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { test, expect, sessions, ms, inLang, languages, openAt, decodeQr, during, zone, elsewhere, days } from './support';

const A4 = { width: 595, height: 842 }; // points, portrait

// A phone whose own clock is elsewhere: its own times must not reach the paper.
test.use({ timezoneId: elsewhere });

for (const lang of languages) {
  test(`each day prints on one A4 page, in ${lang}`, async ({ page, baseURL }) => {
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
    // One sheet per day of the meeting.
    expect(doc.numPages).toBe(days.length);
    let text = '';
    for (let n = 1; n <= doc.numPages; n++) {
      const sheet = await doc.getPage(n);
      const { width, height } = sheet.getViewport({ scale: 1 });
      expect(Math.round(width)).toBe(A4.width);
      expect(Math.round(height)).toBe(A4.height);
      text += (await sheet.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    }
    expect(text).toContain(address);
    const clock = (at: number, timeZone: string) =>
      new Date(at).toLocaleTimeString('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    // The meeting's times on the sheet, delay applied.
    const meeting = sessions.flatMap((s) => [ms(s.starts), ms(s.ends)].map((t) => clock(t + 10 * 60_000, zone)));
    for (const s of sessions) {
      // The meeting's times, delay applied, each session's whole range (in visual order
      // for Arabic, as pdf.js gives it).
      const [from, to] = [ms(s.starts), ms(s.ends)].map((t) => clock(t + 10 * 60_000, zone));
      const range = lang === 'ar' ? `${to}–${from}` : `${from}–${to}`;
      expect(text, `${s.id}: ${range}`).toContain(range);
      // Not the viewer's own times (unless one reads as a time of the meeting's too).
      const own = clock(ms(s.starts) + 10 * 60_000, elsewhere);
      if (!meeting.includes(own)) expect(text, s.id).not.toContain(own);
      if (lang !== 'ar') {
        // pdf.js gives Arabic in visual order; the other scripts read back as written.
        expect(text.replace(/\s+/g, ''), s.id).toContain(inLang(s.titles, lang).replace(/\s+/g, ''));
      }
    }
    await page.screenshot({ path: `test-results/screenshots/print-${lang}.png`, fullPage: true });
  });
}
