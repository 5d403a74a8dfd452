// Screenshots of every presentational component (it/en, 320, 375 and 1280 px wide) for a visual check:
// builds scripts/gallery.ts with Vite into a temporary folder, loads it into Debian's Chromium,
// and writes PNGs under test-results/components/. Run: npx tsx scripts/shot-components.ts
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';

const OUT = 'test-results/components';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
]; // prettier-ignore

/** A host page with its own (dark) look: the widget must paint its own surface. */
const page = (lang: string) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{margin:0;padding:16px;background:#1e1e24;color:#eee;font:14px serif}
section{max-width:640px;margin:0 auto 16px;padding:16px;border-radius:8px;background:#fff}</style>
</head><body></body></html>`;

/** Elements (shadow roots included) whose right edge passes the viewport. */
const OVERFLOWING = `(() => {
  const found = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      const rect = el.getBoundingClientRect();
      if (rect.width && rect.right > innerWidth + 0.5) found.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + Math.round(rect.right) + 'px');
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return found;
})()`;

async function bundle(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cassa-gallery-'));
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        outDir: dir,
        minify: false,
        lib: {
          entry: 'scripts/gallery.ts',
          formats: ['iife'],
          name: 'Gallery',
          fileName: () => 'gallery.js',
        },
      },
    });
    return await readFile(join(dir, 'gallery.js'), 'utf8');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function shoot(browserPage: Page, script: string, lang: string, width: number) {
  await browserPage.setViewportSize({ width, height: 900 });
  await browserPage.setContent(page(lang));
  await browserPage.addScriptTag({ content: script });
  await browserPage.waitForFunction(() => customElements.get('cassa-order-summary') !== undefined);
  // Submitting the holder form shows its errors and focuses the first invalid field.
  await browserPage.locator('cassa-holder-form [part="submit"]').click();
  await browserPage.locator('#summary-free cassa-toggletip button').click();
  await browserPage.waitForTimeout(200);
  await browserPage.screenshot({ path: `${OUT}/${lang}-${width}.png`, fullPage: true });
  // A string, not a function: tsx would wrap inner functions in a helper the page lacks.
  const overflowing = await browserPage.evaluate<string[]>(OVERFLOWING);
  if (overflowing.length)
    console.warn(`${lang} ${width}px, past the right edge:`, overflowing.slice(0, 8));
  for (const id of ['plan', 'addons', 'holder', 'payment', 'summary-free']) {
    await browserPage.locator(`#${id}`).screenshot({ path: `${OUT}/${lang}-${width}-${id}.png` });
  }
}

const script = await bundle();
await mkdir(OUT, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ARGS,
});
try {
  const browserPage = await browser.newPage();
  browserPage.on('pageerror', (error) => console.error('page error:', error.message));
  for (const lang of ['it', 'en'])
    for (const width of [320, 375, 1280]) await shoot(browserPage, script, lang, width);
  console.log(`screenshots in ${OUT}/`);
} finally {
  await browser.close();
}
