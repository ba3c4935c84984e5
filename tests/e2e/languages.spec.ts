// The six languages: chosen from the browser, switched without a reload, remembered, set by
// a link and carried by the projector's QR code; Arabic right to left; plural forms and
// durations as each language writes them; a translation missing or unreachable at run time.
// Expected words come from locales/*.toml and programme.toml, never from this file.
// Screenshots of each language, phone and projector, go to test-results/screenshots/.
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  sessions,
  programme,
  ms,
  inLang,
  languages,
  messages,
  openAt,
  openProjector,
  decodeQr,
  expectFits,
  fill,
  during,
  liveTalk,
  nextOf,
  interventionMinutes,
  timerAfter,
} from './support';

// The session live at `during`.
const talk = liveTalk;

/** A browser locale for each language, with a region the page must see past. */
const browserLocale: Record<string, string> = {
  ar: 'ar-EG',
  zh: 'zh-TW',
  en: 'en-US',
  fr: 'fr-CH',
  ru: 'ru-RU',
  es: 'es-MX',
};

/** Visible text with a `{placeholder}` left in it: a message the page failed to fill. */
async function unfilled(page: Page) {
  const text = await page.locator('body').innerText();
  return text.match(/\{[a-z_]+\}/g) ?? [];
}

for (const lang of languages) {
  const say = messages(lang);
  const t = (key: string) => say[key] as string;

  test.describe(`a browser in ${browserLocale[lang]}`, () => {
    test.use({ locale: browserLocale[lang] });

    test('the phone opens in its language, every text translated', async ({ page }) => {
      await openAt(page, during);
      const html = page.locator('html');
      await expect(html).toHaveAttribute('lang', lang);
      await expect(html).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
      await expect(page.locator('.meeting h1')).toHaveText(inLang(programme.meeting.title, lang));
      await expect(page.locator('.now-state')).toHaveText(t('now'));
      await expect(page.locator('.now-title')).toHaveText(inLang(talk.titles, lang));
      await expect(page.locator('#day-heading')).toContainText(t('programme'));
      await expect(page.locator('.about summary')).toHaveText(t('about'));
      await expect(page.locator('.to-projector a')).toHaveText(t('to_projector'));
      await expect(page.locator(`#${talk.id} h3`)).toHaveText(inLang(talk.titles, lang));
      await expect(page.locator(`#${talk.id}`)).toHaveAttribute('aria-current', 'time');
      await expect(page.locator('.language select')).toHaveValue(lang);
      if (lang === 'en') {
        await expect(page.locator('.unofficial')).toHaveCount(0);
      } else {
        await expect(page.locator('.unofficial')).toHaveText(t('unofficial'));
      }
      expect(await unfilled(page)).toEqual([]);
      // Every element that holds words has some.
      const next = nextOf(talk) ? ['.now-next'] : [];
      for (const selector of ['.now-state', '.now-title', '.now-count', ...next, '#day-heading', '.day-rule']) {
        expect((await page.locator(selector).innerText()).trim(), selector).not.toBe('');
      }
      expect(await page.title()).toBe(`${t('page_title')} · ${inLang(programme.meeting.title, lang)}`);
      // What a screen reader hears when the session started, in the language.
      await expect(page.locator('[aria-live=polite]')).toHaveText(
        fill(t('now_on'), { title: inLang(talk.titles, lang) }));
      await expect(page.locator(`#${talk.id}`)).toHaveAttribute('data-now', t('now'));
      await page.screenshot({ path: `test-results/screenshots/phone-lang-${lang}.png` });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `test-results/screenshots/phone-lang-${lang}-top.png` });
      await page.locator('.about summary').click();
      await page.locator('.about').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/screenshots/phone-lang-${lang}-about.png`, fullPage: true });
    });

    test('the projector opens in its language, every text translated', async ({ page }) => {
      await page.setViewportSize({ width: 1920, height: 1080 });
      await openProjector(page, during, '?delay=10');
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.locator('.pj-state')).toHaveText(t('now'));
      await expect(page.locator('.pj-title')).toHaveText(inLang(talk.titles, lang));
      await expect(page.locator('.pj-meeting')).toHaveText(inLang(programme.meeting.title, lang));
      await expect(page.locator('.pj-qr figcaption')).toHaveText(t('qr_caption'));
      await expect(page.locator('.pj-controls button').first()).toHaveText(t('timer'));
      await page.keyboard.press('Space');
      await page.clock.runFor(65_000);
      await page.keyboard.press('?');
      await expect(page.locator('.pj-help h2')).toHaveText(t('keyboard_shortcuts'));
      await expect(page.locator('.pj-timer-label')).toHaveText(fill(t('intervention'), { n: String(interventionMinutes) }));
      expect(await unfilled(page)).toEqual([]);
      await expectFits(page);
      await page.screenshot({ path: `test-results/screenshots/projector-lang-${lang}.png` });
    });
  });
}

test.describe('Arabic', () => {
  test.use({ locale: 'ar' });

  test('mirrors the layout: now-bar, list, progress bar and projector', async ({ page }) => {
    await openAt(page, during);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;
    // The state label starts on the right, the clock sits on the left.
    expect((await box('.now-state')).x).toBeGreaterThan((await box('.now-clock')).x);
    // The title's text starts at the right edge of the now-bar.
    const bar = await box('.now-bar');
    const title = await box('.now-title');
    expect(bar.x + bar.width - (title.x + title.width)).toBeLessThan(40);
    await expect(page.locator('.now-bar progress')).toHaveCSS('direction', 'rtl');
    await expect(page.locator(`#${talk.id} h3`)).toHaveCSS('text-align', 'start');
    // Times keep their digits in order inside Arabic text.
    await expect(page.locator(`#${talk.id} .when > time`).first()).toHaveAttribute('dir', 'ltr');
    await expect(page.locator(`#${talk.id} .when > time`).first()).toHaveText(talk.starts.slice(11, 16));

    await page.setViewportSize({ width: 1920, height: 1080 });
    await openProjector(page, during);
    expect((await box('.pj-side')).x).toBeLessThan((await box('.pj-now')).x);
    await expect(page.locator('.pj-timer-digits')).toHaveCount(0);
    await page.keyboard.press('Space');
    await expect(page.locator('.pj-timer-digits')).toHaveAttribute('dir', 'ltr');
  });
});

test.describe('choosing a language', () => {
  test.use({ locale: 'en-GB' });

  test('the switcher changes the page at once, keeps the live mark and the countdown running', async ({ page }) => {
    await openAt(page, during);
    const countdown = page.locator('.now-bar time.countdown');
    const before = await countdown.getAttribute('datetime');
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.locator('.language select').selectOption('fr');
    const fr = messages('fr');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.locator('.now-state')).toHaveText(fr.now as string);
    await expect(page.locator(`#${talk.id}`)).toHaveAttribute('aria-current', 'time');
    await expect(countdown).toHaveAttribute('datetime', before!);
    await page.clock.runFor(5000);
    await expect(countdown).not.toHaveAttribute('datetime', before!);
    // One small file, not a reload of the page.
    expect(requests.filter((p) => !p.includes('/lang/'))).toEqual([]);
    expect(requests.filter((p) => p.includes('/lang/fr-'))).toHaveLength(1);

    // Remembered on the device: a fresh visit opens in French.
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    // A link's ?lang= wins over it, without replacing it.
    await page.goto('/?lang=es');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    // Back to English with no request at all.
    requests.length = 0;
    await page.locator('.language select').selectOption('en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    expect(requests).toEqual([]);
  });

  test('switching keeps the reader where they were on the page', async ({ page }) => {
    await openAt(page, during);
    await page.evaluate(() => window.scrollTo(0, 0));
    const select = page.locator('.language select');
    const element = await select.elementHandle();
    await select.focus();
    await select.selectOption('zh');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    // The same list, still focused: the page was rebuilt in place, not replaced.
    expect(await element!.evaluate((el) => el.isConnected)).toBe(true);
    await expect(select).toBeFocused();
  });

  test('on the projector, switching keeps the timer running, and keys in the list stay in it', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openProjector(page, during);
    await page.keyboard.press('Space');
    await page.clock.runFor(10_000);
    const digits = page.locator('.pj-timer-digits');
    await expect(digits).toHaveText(timerAfter(10));
    const select = page.locator('.language select');
    await select.focus();
    // R and F pick languages in a focused list; they must not reset the timer or go full screen.
    await page.keyboard.press('r');
    await page.keyboard.press('f');
    await select.selectOption('ru');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(digits).toHaveText(timerAfter(10));
    await page.clock.runFor(5_000);
    await expect(digits).toHaveText(timerAfter(15));
  });

  test('Arabic plural forms: the dual needs no number', async ({ page }) => {
    const ar = messages('ar').running_late as Record<string, string>;
    const rules = new Intl.PluralRules('ar');
    for (const n of [1, 2, 3, 11, 100]) {
      await openAt(page, during, `?lang=ar&delay=${n}`);
      await expect(page.locator('.now-late')).toHaveText(fill(ar[rules.select(n)], { n: String(n) }));
    }
    await openAt(page, during, '?lang=ar&delay=2');
    await expect(page.locator('.now-late')).toHaveText('تأخير بمقدار دقيقتين');
  });

  test('Russian plural forms follow the number', async ({ page }) => {
    const ru = messages('ru').running_late as Record<string, string>;
    const rules = new Intl.PluralRules('ru');
    for (const [n, words] of [[1, '1 минуту'], [2, '2 минуты'], [5, '5 минут'], [21, '21 минуту'], [11, '11 минут']] as const) {
      await openAt(page, during, `?lang=ru&delay=${n}`);
      const late = page.locator('.now-late');
      await expect(late).toHaveText(fill(ru[rules.select(n)], { n: String(n) }));
      await expect(late).toContainText(words);
    }
  });

  test('a countdown over a day reads in the language, with Intl.DurationFormat or without it', async ({ page }) => {
    const before = ms(sessions[0].starts) - (26 * 3600 + 5 * 60) * 1000;
    await openAt(page, before, '?lang=ru');
    const countdown = page.locator('.now-bar time.countdown');
    const expected = await page.evaluate(() =>
      // @ts-expect-error: DurationFormat is newer than TypeScript's lib.
      new Intl.DurationFormat('ru', { style: 'narrow' }).format({ days: 1, hours: 2, minutes: 5 }));
    await expect(countdown).toHaveText(expected);

    await page.addInitScript(() => {
      // @ts-expect-error: a browser without it.
      delete Intl.DurationFormat;
    });
    await openAt(page, before, '?lang=ru');
    const words = messages('ru').days_hours_minutes as string;
    await expect(countdown).toHaveText(fill(words, { d: '1', h: '2', m: '5' }));
  });
});

test.describe('bad language input', () => {
  test.use({ locale: 'fr-CH' });

  for (const query of ['?lang=xx', '?lang=%3Cscript%3Ealert(1)%3C%2Fscript%3E', '?lang=', '?lang=english']) {
    test(`${query} falls back to the browser's language, silently`, async ({ page }) => {
      await openAt(page, during, query);
      await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
      await expect(page.locator('.notices')).toHaveCount(0);
      expect(await page.locator('body').innerHTML()).not.toContain('<script>alert');
    });
  }

  test('an unknown stored language falls back the same way', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('nownext-language', 'klingon'));
    await openAt(page, during);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  });
});

test.describe('a translation at run time', () => {
  // No service worker: once it serves the page, the files it has cached never reach
  // page.route, which stands in for the host here.
  test.use({ locale: 'fr-FR', expectedErrors: [/Failed to load resource/], serviceWorkers: 'block' });

  test('a file missing some texts shows English for those, never an empty element', async ({ page }) => {
    await page.route('**/lang/fr-*.txt', async (route) => {
      const full = await (await route.fetch()).text();
      // Keep the header and the first half of the records.
      const records = full.split('\u001e');
      await route.fulfill({ body: records.slice(0, records.length / 2).join('\u001e'), contentType: 'text/plain' });
    });
    await openAt(page, during);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    // The programme's texts come last in the file: they read in English here.
    await expect(page.locator(`#${talk.id} h3`)).toHaveText(talk.title);
    for (const selector of ['.now-state', '.now-title', '#day-heading', '.about summary']) {
      expect((await page.locator(selector).innerText()).trim(), selector).not.toBe('');
    }
    expect(await unfilled(page)).toEqual([]);
  });

  test('an unreachable file keeps English and says so', async ({ page }) => {
    await page.route('**/lang/fr-*.txt', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await openAt(page, during);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('.now-state')).toHaveText('Now');
    await expect(page.locator('.notice-line')).toHaveText(
      fill(messages('en').language_unavailable as string, { language: 'Français' }));
  });

  test('a language that cannot come is not chosen: the list goes back, nothing is remembered', async ({ page }) => {
    await page.route('**/lang/ru-*.txt', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await openAt(page, during, '?lang=es');
    await page.locator('.language select').selectOption('ru');
    await expect(page.locator('.notice-line')).toHaveText(
      fill(messages('es').language_unavailable as string, { language: 'Русский' }));
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.locator('.language select')).toHaveValue('es');
    expect(await page.evaluate(() => localStorage.getItem('nownext-language'))).toBeNull();
    expect(new URL(page.url()).searchParams.get('lang')).toBe('es');
  });
});

test('the projector’s QR code carries its language', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openProjector(page, during, '?lang=fr');
  expect(new URL(await decodeQr(page)).searchParams.get('lang')).toBe('fr');
  await page.locator('.language select').selectOption('ru');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect.poll(async () => new URL(await decodeQr(page)).searchParams.get('lang')).toBe('ru');
  expect(new URL(page.url()).searchParams.get('lang')).toBe('ru');
  // Without ?lang=, the code leaves the phone to choose its own language.
  await openProjector(page, during);
  expect(new URL(await decodeQr(page)).searchParams.get('lang')).toBeNull();
});
