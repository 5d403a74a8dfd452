// Starts the reference backend (demo/server/main.ts) as a child process on a free loopback
// port with its own temporary data directory, the way `npm start` runs it, and stops it. Also
// starts bench/hono-floor.ts the same way: a bare Hono route, the machine's ceiling.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ReferenceServer {
  /** e.g. `http://127.0.0.1:41235` (the API is under `/api`) */
  readonly origin: string;
  /** the last lines the server printed, for error messages */
  logTail(): Promise<string>;
  stop(): Promise<void>;
}

export interface ReferenceServerOptions {
  readonly repoDir: string;
  /** origins allowed by CORS (the bench pages' origin) */
  readonly allowedOrigins?: readonly string[];
  /** PostgreSQL instead of PGlite */
  readonly databaseUrl?: string;
}

const START_TIMEOUT_MS = 90_000;

export async function startReferenceServer(
  options: ReferenceServerOptions,
): Promise<ReferenceServer> {
  const env: NodeJS.ProcessEnv = {
    CASSA_ALLOWED_ORIGINS: (options.allowedOrigins ?? []).join(','),
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  return startChildServer(
    options.repoDir,
    join(options.repoDir, 'demo/server/main.ts'),
    env,
    '/api/v1/products/certified-platform',
  );
}

/** bench/hono-floor.ts: one Hono route, no middleware, same runtime (tsx) as the server. */
export function startHonoFloor(repoDir: string): Promise<ReferenceServer> {
  return startChildServer(repoDir, join(repoDir, 'bench/hono-floor.ts'), {}, HONO_FLOOR_PATH);
}

export const HONO_FLOOR_PATH = '/api/ping';

async function startChildServer(
  repoDir: string,
  script: string,
  extraEnv: NodeJS.ProcessEnv,
  readyPath: string,
): Promise<ReferenceServer> {
  const workDir = await mkdtemp(join(tmpdir(), 'cassa-bench-'));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  // The server logs one line per request: to a file, so the load generator never reads them.
  const logFile = join(workDir, 'server.log');
  const log = await open(logFile, 'w');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    CASSA_DATA_DIR: join(workDir, 'data'),
  };
  delete env.DATABASE_URL;
  Object.assign(env, extraEnv);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: repoDir,
    env,
    stdio: ['ignore', log.fd, log.fd],
  });
  await log.close();
  let exited: number | string | null = null;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = code ?? signal ?? 'unknown';
      resolve();
    }),
  );

  const logTail = async () => {
    const text = await readFile(logFile, 'utf8').catch(() => '');
    return text.split('\n').slice(-20).join('\n');
  };
  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(killer);
    }
    await rm(workDir, { recursive: true, force: true });
  };

  const started = Date.now();
  for (;;) {
    if (exited !== null) {
      const tail = await logTail();
      await stop();
      throw new Error(`${script} exited (${exited}) while starting:\n${tail}`);
    }
    try {
      const response = await fetch(`${origin}${readyPath}`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > START_TIMEOUT_MS) {
      const tail = await logTail();
      await stop();
      throw new Error(`${script} did not answer in ${START_TIMEOUT_MS} ms:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { origin, logTail, stop };
}

/** A port that was free a moment ago on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
