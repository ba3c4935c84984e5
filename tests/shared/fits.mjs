// What the projector's "nothing cut off" means, for Playwright (tests/e2e) and WebDriver
// (tests/engines) alike: run in the page, it lists what breaks the rule.

/** Runs in the page: nothing scrolls, nothing spills out of its area or off the screen, no text is cut. */
export function fitProblems() {
  const found = [];
  const { innerWidth: w, innerHeight: h } = window;
  const root = document.documentElement;
  if (root.scrollWidth > w || root.scrollHeight > h) found.push(`page scrolls: ${root.scrollWidth}×${root.scrollHeight}`);
  for (const area of document.querySelectorAll('.projector, .projector > *')) {
    if (area.scrollHeight > area.clientHeight + 1 || area.scrollWidth > area.clientWidth + 1) {
      found.push(`${area.className} overflows: ${area.scrollWidth}×${area.scrollHeight} in ${area.clientWidth}×${area.clientHeight}`);
    }
  }
  for (const el of document.querySelectorAll('.projector *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left < -1 || r.top < -1 || r.right > w + 1 || r.bottom > h + 1) {
      found.push(`${el.tagName}.${el.className} off screen: ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`);
    }
  }
  // No text cut by its own box. Text for screen readers only is clipped on purpose.
  for (const el of document.querySelectorAll('.projector p, .projector h1, .projector time, .projector span')) {
    if (el.closest('.visually-hidden')) continue;
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible') {
      found.push(`${el.className || el.tagName} cut: ${el.textContent}`);
    }
  }
  return found;
}
