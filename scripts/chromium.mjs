// Debian's Chromium as every test tool here launches it (TOOLCHAIN.md): root, no network, no
// browser download. Shared by Web Test Runner, the end-to-end tests, screenshots and the bench.

export const CHROMIUM_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

/** Without the background-networking flags Chromium floods the closed network with refused connections. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
