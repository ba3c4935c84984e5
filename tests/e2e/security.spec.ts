// The page as a way in: a strict Content-Security-Policy, enforced with no violation through
// a whole session on both pages; subresource integrity on the JS and the wasm, checked
// against the files and enforced against a changed wasm.
import type { Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { all, attribute, inlineScripts, readPage, remove, serializePage, text } from '../../bundle/html.mjs';
import { test, expect, sessions, openAt, during, liveTalk, lastSession, elsewhere } from './support';
import { expectNoLiveLine } from './programme';
const sha384 = (file: string) => `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;

/** Records every CSP violation the page reports, from its first moment. */
async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`));
  });
}
/**
 * Serves the phone page without the script that adds the wasm's preload (Trunk.toml's
 * pattern_preload puts it right after the glue's), which checks integrity on its own: only
 * the loader's check is left to refuse a changed wasm.
 */
const withoutWasmPreload = (page: Page) =>
  page.route('**/', (route) => {
    const document = readPage('dist/index.html');
    const glue = all(document, 'link').find((link) => attribute(link, 'rel') === 'modulepreload')!;
    const siblings = glue.parentNode.childNodes;
    const adder = siblings.slice(siblings.indexOf(glue) + 1).find((node: { tagName?: string }) => node.tagName);
    expect(adder.tagName, 'the script after the glue\'s preload').toBe('script');
    expect(text(adder)).toContain('preload');
    remove(adder);
    return route.fulfill({ body: serializePage(document), contentType: 'text/html' });
  });

const violations = (page: Page) => page.evaluate(() => (window as unknown as { violations: string[] }).violations);

for (const path of ['/', '/projector/']) {
  test(`${path}: a strict policy, no inline or eval allowance, nothing from elsewhere`, async ({ page }) => {
    await page.goto(path);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    const directives = Object.fromEntries(policy!.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values];
    }));
    expect(directives['default-src']).toEqual(["'none'"]);
    const scripts = directives['script-src'] as string[];
    expect(scripts).toContain("'self'");
    expect(scripts).toContain("'wasm-unsafe-eval'");
    expect(scripts.filter((s) => !["'self'", "'wasm-unsafe-eval'"].includes(s)).every((s) => /^'sha256-[A-Za-z0-9+/=]+'$/.test(s))).toBe(true);
    expect(policy).not.toMatch(/unsafe-inline|'unsafe-eval'|https?:|\*/);
    expect(directives['base-uri']).toEqual(["'none'"]);
  });
}

test.describe('the policy enforced', () => {
  // The last step breaks the policy on purpose, and the browser logs it.
  test.use({ expectedErrors: [/violates the following Content Security Policy directive 'style-src/] });

  test('a whole session on both pages breaks no rule of the policy', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await watchViolations(page);
    await page.addInitScript(() => {
      // @ts-expect-error: no share sheet, so sharing copies.
      delete Navigator.prototype.share;
    });
    await openAt(page, during, '?delay=5');
    await page.locator('.language select').selectOption('ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator('.day-actions .take-away').click()]);
    expect(file.suggestedFilename()).toMatch(/\.ics$/);
    await page.locator(`#${lastSession.id} .take-away.share`).click();
    await expect(page.locator(`#${lastSession.id} .copied`)).not.toBeEmpty();
    await page.locator('.about summary').click();
    await page.clock.runFor(5000);
    expect(await violations(page)).toEqual([]);

    await page.goto('/projector/?delay=5');
    await expect(page.locator('svg.qr')).toBeVisible();
    await page.keyboard.press('Space');
    await page.keyboard.press('?');
    await page.locator('.language select').selectOption('zh');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
    await page.clock.runFor(5000);
    expect(await violations(page)).toEqual([]);

    // The watch does see a violation: an inline style the policy does not list.
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'p { color: red }';
      document.head.append(style);
    });
    await expect.poll(() => violations(page)).toEqual([expect.stringMatching(/^style-src/)]);
  });
});

for (const [path, dist, bin] of [['/', 'dist', 'nownext'], ['/projector/', 'dist/projector', 'projector']]) {
  test(`${path}: the JS and the wasm carry the integrity of the files served`, async ({ page }) => {
    await page.goto(path);
    // The preloads, the wasm's added by a line of script where there is WebAssembly.
    for (const [rel, file] of [['modulepreload', '\\.js'], ['preload', '_bg\\.wasm']]) {
      const link = page.locator(`link[rel="${rel}"]`);
      const href = await link.getAttribute('href');
      expect(href).toMatch(new RegExp(`^\\./${bin}-[0-9a-f]+${file}$`));
      expect(await link.getAttribute('integrity')).toBe(sha384(`${dist}/${href!.slice(2)}`));
    }
    // And the loader, which fetches the wasm with its integrity.
    const wasm = await page.locator('link[rel="preload"]').getAttribute('href');
    const loader = inlineScripts(readPage(`${dist}/index.html`)).filter((s) => attribute(s, 'type') === 'module');
    expect(loader).toHaveLength(1);
    expect(text(loader[0])).toContain(wasm!);
    expect(text(loader[0])).toContain(sha384(`${dist}/${wasm!.slice(2)}`));
  });
}

test.describe('a changed file', () => {
  // On a clock other than the meeting's, where the page as built keeps a line in each row for
  // the reader's own times, which a failed start gives back.
  test.use({
    timezoneId: elsewhere,
    expectedErrors: [/integrity|Failed to find a valid digest|TypeError|Failed to fetch|module script|could not start/i],
  });

  for (const [kind, pattern, type] of [
    ['wasm', '**/*_bg.wasm', 'application/wasm'],
    ['JS glue', '**/nownext-*.js', 'text/javascript'],
  ]) {
    test(`${kind}: refused, not run`, async ({ page }) => {
      const said: string[] = [];
      page.on('console', (m) => said.push(m.text()));
      await withoutWasmPreload(page);
      await page.route(pattern, (route) => {
        // The file as built, one byte changed.
        const body = readFileSync(`dist/${new URL(route.request().url()).pathname.split('/').pop()}`);
        body[body.length - 2] ^= 0x01;
        return route.fulfill({ body, contentType: type });
      });
      await page.goto('/');
      // The refusal itself: Chromium also warns about `integrity` on every wasm preload.
      await expect.poll(() => said.some((t) => /Failed to find a valid digest/.test(t))).toBe(true);
      // The app never starts (the test below shows it does with the true file), and the
      // page as built stays: the whole programme, not a blank page.
      await page.waitForTimeout(1500);
      await expect(page.locator('.now-head')).toHaveCount(0);
      await expect(page.locator('#prerendered')).toBeVisible();
      await expect(page.locator('li.session')).toHaveCount(sessions.length);
      // And it says the live times could not start.
      await expectNoLiveLine(page, 'not-started');
    });
  }

  test('the projector page: says so, and links to the programme', async ({ page }) => {
    await page.route('**/projector-*_bg.wasm', (route) => {
      const body = readFileSync(`dist/projector/${new URL(route.request().url()).pathname.split('/').pop()}`);
      body[body.length - 2] ^= 0x01;
      return route.fulfill({ body, contentType: 'application/wasm' });
    });
    await page.goto('/projector/');
    await expectNoLiveLine(page, 'not-started');
    await expect(page.getByRole('link', { name: 'Programme' })).toBeVisible();
  });
});

test('the page with its preload removed still starts: the loader’s check passes a true file', async ({ page }) => {
  await withoutWasmPreload(page);
  await openAt(page, during);
  await expect(page.locator(`#${liveTalk.id}`)).toHaveAttribute('aria-current', 'time');
});
