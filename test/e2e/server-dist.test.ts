// Issue 20: the server alone runs from its build, as production runs it — `node
// server/dist/main.js`, plain Node without a TypeScript loader (needs `npm run build`). It serves
// the API, none of the demo, and stops cleanly on SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DEMO_SELLER } from '../../demo/server/seller.ts';
import { freePort } from '../hardening/server-process.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const BUILT = join(ROOT, 'server', 'dist', 'main.js');
const work = mkdtempSync(join(tmpdir(), 'cassa-server-dist-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('the built server', () => {
  it('starts with plain node, serves the API and nothing of the demo, stops on SIGTERM', async () => {
    assert.ok(existsSync(BUILT), 'server/dist/main.js exists: run npm run build first');
    const seller = join(work, 'seller.json');
    writeFileSync(seller, JSON.stringify(DEMO_SELLER));
    const port = await freePort();
    const child = spawn(process.execPath, [BUILT], {
      cwd: work,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        NODE_ENV: 'production',
        CASSA_DATA_DIR: join(work, 'data'),
        CASSA_CATALOG: join(ROOT, 'demo', 'catalog.json'),
        CASSA_SELLER: seller,
        CASSA_PAYMENT_PROVIDER: 'none',
        CASSA_PUBLIC_URL: 'https://shop.example',
        CASSA_SCHEDULER: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      // Wait for its own "listening" line (or its end), however long a loaded machine takes.
      await new Promise<void>((resolve, reject) => {
        const check = () => {
          if (output.includes(`Cassa server: http://localhost:${port}/`)) resolve();
        };
        child.stdout.on('data', check);
        child.on('exit', () => reject(new Error(`the built server exited:\n${output}`)));
      });
      const product = await fetch(`http://127.0.0.1:${port}/api/v1/products/certified-platform`);
      assert.equal(product.status, 200);
      assert.equal(((await product.json()) as { id: string }).id, 'certified-platform');
      for (const path of ['/', '/outbox', '/api/dev/outbox', '/api/sandbox/sandbox.css']) {
        assert.equal((await fetch(`http://127.0.0.1:${port}${path}`)).status, 404, path);
      }
      assert.equal((await fetch(`http://127.0.0.1:${port}/api/assets/pages.css`)).status, 200);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, output);
  });
});
