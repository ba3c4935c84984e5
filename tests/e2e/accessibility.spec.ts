// axe-core finds no accessibility violations (contrast included) on either page, in light
// and dark, before, during and after the day, on time and running late, in every language.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, opening, closing, openAt, openProjector, languages, during, aPause, middle, interventionMinutes } from './support';

const moments = [
  { name: 'before', at: opening - 3600_000 },
  { name: 'live', at: during },
  // Between sessions: a break, or a gap the programme leaves.
  { name: 'break', at: aPause && middle(aPause) },
  { name: 'after', at: closing + 600_000 },
];
/** Skips a moment the programme does not have; else its instant. */
const momentAt = (at: number | undefined) => {
  test.skip(at === undefined, 'the programme has no time between sessions');
  return at!;
};
/** Long enough for the intervention timer to run over. */
const overrun = (interventionMinutes * 60 + 20) * 1000;

for (const colorScheme of ['light', 'dark'] as const) {
  for (const { name, at } of moments) {
    for (const query of ['', '?delay=10']) {
      test(`the phone page, ${colorScheme}, ${name}${query ? ', running late' : ''}`, async ({ page }) => {
        await page.emulateMedia({ colorScheme });
        await openAt(page, momentAt(at), query);
        await page.clock.resume(); // axe waits on timers of its own
        const { violations } = await new AxeBuilder({ page }).analyze();
        expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      });
    }
  }
}

for (const { name, at } of moments) {
  test(`the projector page, ${name}, with the timer running over`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const time = momentAt(at);
    await page.clock.install({ time: time - 1000 });
    await page.clock.pauseAt(time);
    await page.goto('/projector/?delay=5');
    await expect(page.locator('.pj-state')).toBeVisible();
    await page.keyboard.press('Space');
    await page.clock.runFor(overrun);
    await expect(page.locator('.pj-timer')).toHaveClass(/over/);
    await page.clock.resume(); // axe waits on timers of its own
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

// Each translation, both pages, every moment: the same audit. (The projector is dark
// whatever the system asks; it is checked under both all the same.)
for (const lang of languages.filter((l) => l !== 'en')) {
  for (const { name, at } of moments) {
    for (const colorScheme of ['light', 'dark'] as const) {
      test(`the phone page in ${lang}, ${colorScheme}, ${name}`, async ({ page }) => {
        await page.emulateMedia({ colorScheme });
        await openAt(page, momentAt(at), `?lang=${lang}&delay=10`);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await page.clock.resume();
        const { violations } = await new AxeBuilder({ page }).analyze();
        expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      });

      test(`the projector page in ${lang}, ${colorScheme}, ${name}`, async ({ page }) => {
        await page.emulateMedia({ colorScheme });
        await page.setViewportSize({ width: 1280, height: 720 });
        await openProjector(page, momentAt(at), `?lang=${lang}&delay=5`);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await page.keyboard.press('Space');
        await page.clock.resume();
        const { violations } = await new AxeBuilder({ page }).analyze();
        expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      });
    }
  }
}

// The projector is read from the back of the room: its main text meets WCAG AAA contrast.
for (const { name, at } of moments) {
  test(`the projector's main text meets AAA contrast, ${name}`, async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openProjector(page, momentAt(at), '?delay=5');
    await page.keyboard.press('Space');
    await page.clock.runFor(overrun);
    await page.clock.resume();
    const { violations, passes } = await new AxeBuilder({ page })
      .include('.pj-now')
      .include('.pj-next')
      .include('.pj-clock')
      .include('.pj-timer')
      .withRules(['color-contrast-enhanced'])
      .analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(passes.flatMap((p) => p.nodes).length).toBeGreaterThan(3);
  });
}
