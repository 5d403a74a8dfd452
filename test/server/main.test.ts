// The demo process itself (`node --import tsx demo/server/main.ts`): start, serve, stop cleanly.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startServerProcess } from '../hardening/server-process.ts';
import { createPostgresDatabase, DATABASE_URL, databaseUrl } from './harness.ts';

const MAIN = new URL('../../demo/server/main.ts', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'cassa-main-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Runs main.ts to its end (for the starts that must fail before listening). */
function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { exited, stderr: () => stderr };
}

describe('demo/server/main.ts', () => {
  it('exits 1 with one line naming the bad catalog field', async () => {
    const catalog = JSON.parse(
      readFileSync(new URL('../../demo/catalog.json', import.meta.url), 'utf8'),
    );
    catalog.products[0].plans[1].yearlyCents = 'twelve';
    const path = join(work, 'bad-catalog.json');
    writeFileSync(path, JSON.stringify(catalog));
    const proc = run({ CASSA_CATALOG: path, CASSA_DATA_DIR: join(work, 'unused') });
    assert.equal(await proc.exited, 1);
    const lines = proc.stderr().trim().split('\n');
    assert.equal(lines.length, 1, proc.stderr());
    assert.match(
      lines[0]!,
      /invalid catalog .*bad-catalog\.json: field products\.0\.plans\.1\.yearlyCents/,
    );
  });

  it('serves the API on PORT, keeps its data across restarts, and stops cleanly on SIGTERM', async () => {
    const env: Record<string, string> = DATABASE_URL
      ? { DATABASE_URL: databaseUrl(await createPostgresDatabase()) }
      : { CASSA_DATA_DIR: join(work, 'data') };
    for (const round of [1, 2]) {
      // Waits for the server's "listening" line (minutes at most; its output if it never comes).
      const proc = await startServerProcess({ ...env, CASSA_TODAY: '2026-01-15' });
      const { port } = proc;
      try {
        const product = await fetch(`http://localhost:${port}/api/v1/products/certified-platform`);
        assert.equal(product.status, 200);
        assert.equal(((await product.json()) as { id: string }).id, 'certified-platform');
        const login = await fetch(`http://localhost:${port}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            username: 'mario.rossi@architettitorinopec.it',
            password: 'cassa-demo',
          }),
        });
        assert.equal(login.status, 200);
        const stdout = proc.stdout();
        assert.equal(
          stdout.includes('demo accounts created'),
          round === 1,
          `run ${round}: ${stdout}`,
        );
        // The request line reaches the pipe around the time of the answer, not necessarily first.
        await proc.output(/POST \/api\/v1\/auth\/login 200 \d+ms/);
      } finally {
        proc.child.kill('SIGTERM');
      }
      assert.equal((await proc.exited).code, 0, proc.stderr());
    }
  });
});
