// Debian's Chromium as the end-to-end tests and the bench launch it: Playwright's own browser
// download does not work on these machines. Headless as root, and quiet: without the
// background-networking flags it floods the closed network with refused connections.
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
