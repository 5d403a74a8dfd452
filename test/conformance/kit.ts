// Runs the conformance kit as an integrator does (`npx cassa-conformance …`, here the same bin
// through node), and starts the reference server it is checked against.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess, type ServerProcess } from '../hardening/server-process.ts';

export const BIN = new URL('../../bin/cassa-conformance.mjs', import.meta.url).pathname;
export const ORIGIN = 'http://shop.example';
export const PORTAL_SECRET = 'conformance-test-portal-secret';
export const PROFESSIONAL = { username: '7654321@aruba.it', password: 'cassa-demo' };
/** The seed's member of the Ordine: two PEC mailboxes (pec-addons subscriptions). */
export const MEMBER = { username: 'mario.rossi@architettitorinopec.it', password: 'cassa-demo' };

export interface KitRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node <script> …args`, by default the package's bin. */
export function runKit(args: string[], script = BIN): Promise<KitRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The reference server on a fresh database, allowing ORIGIN, with a known portal secret. */
export function startReference(): Promise<ServerProcess> {
  return startServerProcess({
    CASSA_DATA_DIR: mkdtempSync(join(tmpdir(), 'cassa-conformance-')),
    CASSA_ALLOWED_ORIGINS: ORIGIN,
    CASSA_PORTAL_SECRET: PORTAL_SECRET,
    // Every run of the kit tries about a dozen wrong logins from this one address (the
    // per-username limit check): room for all of this file's runs.
    CASSA_LOGIN_LIMIT_PER_ADDRESS: '500',
  });
}

/** The lines of the human report, by check id: `{ 'quote-valid': 'PASS', … }` (N/A: does not apply). */
export function outcomes(stdout: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const match of stdout.matchAll(/^(PASS|FAIL|SKIP|N\/A) +(\S+) — /gm))
    result[match[2]!] = match[1]!;
  return result;
}

/** The text printed under one check (its message and exchanges), up to the next check. */
export function section(stdout: string, id: string): string {
  const start = stdout.search(new RegExp(`^(PASS|FAIL|SKIP|N/A) +${id} — `, 'm'));
  if (start < 0) return '';
  const rest = stdout.slice(start);
  const next = rest.slice(1).search(/^(PASS|FAIL|SKIP|N\/A) +|^\[|^Areas:/m);
  return next < 0 ? rest : rest.slice(0, next + 1);
}
