// The npm build in other hands: imported in plain Node without a DOM (a server-side render), and
// bundled by an app's bundler, where each step, the overlay, the English dictionary and
// floating-ui stay chunks of their own (dynamic imports).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { build } from 'vite';
import { ROOT, ensureBuild } from './harness.ts';

describe('ESM build: server-side imports and an app bundler', () => {
  it('imports cassa, cassa/overlay and cassa/components in Node without a DOM', () => {
    ensureBuild();
    const script = `
      const cassa = await import('cassa');
      const overlay = await import('cassa/overlay');
      await import('cassa/components');
      console.log(JSON.stringify({
        checkout: typeof cassa.CassaCheckout, client: typeof cassa.createClient,
        open: typeof overlay.open, preload: typeof overlay.preload,
        window: typeof window, document: typeof document,
      }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.deepEqual(JSON.parse(out.trim().split('\n').at(-1)!), {
      checkout: 'function',
      client: 'function',
      open: 'function',
      preload: 'function',
      window: 'undefined',
      document: 'undefined',
    });
  });

  it("an app's bundler keeps the steps, the overlay, English and floating-ui as chunks", async () => {
    ensureBuild();
    const dir = mkdtempSync(join(tmpdir(), 'cassa-app-'));
    try {
      writeFileSync(
        join(dir, 'app.js'),
        `import 'cassa';\nimport { open } from 'cassa/overlay';\nwindow.buy = () => open({ backend: '/api', product: 'certified-platform' });\n`,
      );
      await build({
        root: dir,
        configFile: false,
        logLevel: 'silent',
        // The package as an app installs it (its `exports`).
        resolve: {
          alias: [
            { find: /^cassa\/overlay$/, replacement: join(ROOT, 'dist/overlay.mjs') },
            { find: /^cassa$/, replacement: join(ROOT, 'dist/cassa.mjs') },
          ],
        },
        build: {
          outDir: join(dir, 'out'),
          lib: { entry: join(dir, 'app.js'), formats: ['es'], fileName: 'app' },
        },
      });
      const files = readdirSync(join(dir, 'out'));
      for (const part of ['holder-form', 'order-summary', 'overlay', 'en', 'placement'])
        assert.ok(
          files.some((f) => f.includes(part) && f !== 'app.js'),
          `${part} is a chunk: ${files.join(', ')}`,
        );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
