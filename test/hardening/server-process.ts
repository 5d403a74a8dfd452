// The demo server as a real process (`node --import tsx demo/server/main.ts`) on a free port:
// started, waited for, killed (SIGKILL) or stopped (SIGTERM) by the load and crash tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

const MAIN = new URL('../../demo/server/main.ts', import.meta.url).pathname;
/** The server alone (what production runs, here from its TypeScript source). */
export const SERVER_MAIN = new URL('../../server/src/main.ts', import.meta.url).pathname;
const STARTUP_MS = 60_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

export interface ServerProcess {
  port: number;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has ended, with its exit code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: no handler runs, nothing is flushed or closed. */
  kill(): Promise<void>;
  /** SIGTERM: the server closes its connections and its database, then exits 0. */
  stop(): Promise<number | null>;
}

/**
 * Starts the demo server (or `options.main`, announcing itself with `options.banner`) with `env`
 * (plus PATH and PORT) and waits until it listens.
 */
export async function startServerProcess(
  env: Record<string, string>,
  options: { main?: string; banner?: string } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const banner = `${options.banner ?? 'Cassa demo'}: http://localhost:${port}/`;
  const child = spawn(process.execPath, ['--import', 'tsx', options.main ?? MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + STARTUP_MS;
  while (!stdout.includes(banner)) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `the server did not start (exit ${child.exitCode ?? child.signalCode}):\n${stderr}\n${stdout}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return (await exited).code;
    },
  };
}

export interface JsonReply {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read any field
}

/** One JSON request to a server process (throws when the connection fails). */
export async function call(
  origin: string,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<JsonReply> {
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body };
}

export async function loginTo(origin: string, username: string, password: string) {
  const reply = await call(origin, 'POST', '/api/v1/auth/login', { body: { username, password } });
  if (reply.status !== 200) throw new Error(`login ${username}: ${reply.status}`);
  return reply.body.token as string;
}
