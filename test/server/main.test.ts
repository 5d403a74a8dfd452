// The demo process itself (`node --import tsx demo/server/main.ts`): start, serve, stop cleanly.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createPostgresDatabase, DATABASE_URL, databaseUrl } from './harness.ts';

const MAIN = new URL('../../demo/server/main.ts', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'cassa-main-'));
after(() => rmSync(work, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = async (port: number) => {
    // Generous: a first PGlite start takes 20 s and more on a loaded machine.
    const deadline = Date.now() + 120_000;
    while (!stdout.includes(`Cassa demo: http://localhost:${port}/`)) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { child, exited, listening, output: () => ({ stdout, stderr }) };
}

describe('demo/server/main.ts', () => {
  it('exits 1 with one line naming the bad catalog field', async () => {
    const catalog = JSON.parse(
      readFileSync(new URL('../../demo/catalog.json', import.meta.url), 'utf8'),
    );
    catalog.products[0].plans[1].yearlyCents = 'twelve';
    const path = join(work, 'bad-catalog.json');
    writeFileSync(path, JSON.stringify(catalog));
    const proc = start({ CASSA_CATALOG: path, CASSA_DATA_DIR: join(work, 'unused') });
    assert.equal(await proc.exited, 1);
    const lines = proc.output().stderr.trim().split('\n');
    assert.equal(lines.length, 1, proc.output().stderr);
    assert.match(
      lines[0]!,
      /invalid catalog .*bad-catalog\.json: field products\.0\.plans\.1\.yearlyCents/,
    );
  });

  it('serves the API on PORT, keeps its data across restarts, and stops cleanly on SIGTERM', async () => {
    const env: Record<string, string> = DATABASE_URL
      ? { DATABASE_URL: databaseUrl(await createPostgresDatabase()) }
      : { CASSA_DATA_DIR: join(work, 'data') };
    for (const run of [1, 2]) {
      const port = await freePort();
      const proc = start({ ...env, PORT: String(port), CASSA_TODAY: '2026-01-15' });
      try {
        await proc.listening(port);
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
        const { stdout } = proc.output();
        assert.equal(stdout.includes('demo accounts created'), run === 1, `run ${run}: ${stdout}`);
        assert.match(stdout, /POST \/api\/v1\/auth\/login 200 \d+ms/);
      } finally {
        proc.child.kill('SIGTERM');
      }
      assert.equal(await proc.exited, 0, proc.output().stderr);
    }
  });
});
