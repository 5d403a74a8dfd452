// The demo server as a real process (`node --import tsx demo/server/main.ts`) on a free port:
// started, waited for, killed (SIGKILL) or stopped (SIGTERM) by the load and crash tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

const MAIN = new URL('../../demo/server/main.ts', import.meta.url).pathname;
/** The server alone (what production runs, here from its TypeScript source). */
export const SERVER_MAIN = new URL('../../server/src/main.ts', import.meta.url).pathname;

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
  /**
   * Resolves once the process has printed a line matching `pattern` (on stdout or stderr);
   * throws with its output if it exits first or after {@link STARTUP_MS}.
   */
  output(pattern: RegExp): Promise<void>;
  /** Resolves when the process has ended, with its exit code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: no handler runs, nothing is flushed or closed. */
  kill(): Promise<void>;
  /** SIGTERM: the server closes its connections and its database, then exits 0. */
  stop(): Promise<number | null>;
}

/**
 * How long a start may take before it counts as a hang: minutes, not seconds. A start is
 * `tsx` compiling the server, opening the database and migrating it; on a loaded machine
 * that took over 30 s. The test waits for the server's own "listening" line, never a fixed time.
 */
export const STARTUP_MS = 180_000;

export interface StartOptions {
  /** Pass the test process's environment on too (default: only PATH, plus `env`). */
  inheritEnv?: boolean;
  cwd?: string;
  /** Another entry than the demo's (SERVER_MAIN), announcing itself with `banner`. */
  main?: string;
  /** The start of its "listening" line (default `Cassa demo`). */
  banner?: string;
}

/**
 * Starts the demo server with `env` (plus PATH and PORT) and resolves once it says it listens
 * (its `Cassa demo: http://localhost:<port>/` line). Gives up only after {@link STARTUP_MS}
 * or when the process exits, and then throws with everything the process printed. A port taken
 * by someone else between the probe and the bind is retried on a new port.
 */
export async function startServerProcess(
  env: Record<string, string>,
  options: StartOptions = {},
): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(env, options);
    } catch (error) {
      if (!(error instanceof PortTaken) || attempt >= 3) throw error;
    }
  }
}

class PortTaken extends Error {}

async function startOnce(
  env: Record<string, string>,
  options: StartOptions,
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', options.main ?? MAIN], {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env: {
      ...(options.inheritEnv ? process.env : { PATH: process.env.PATH ?? '' }),
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const line = `${options.banner ?? 'Cassa demo'}: http://localhost:${port}/`;
  const started = Date.now();
  const outcome = await new Promise<'listening' | 'exited' | 'hung'>((resolve) => {
    const check = () => {
      if (stdout.includes(line)) done('listening');
    };
    const timer = setTimeout(() => done('hung'), STARTUP_MS);
    const onExit = () => setImmediate(() => done(stdout.includes(line) ? 'listening' : 'exited'));
    const done = (result: 'listening' | 'exited' | 'hung') => {
      clearTimeout(timer);
      child.stdout!.off('data', check);
      child.off('exit', onExit);
      resolve(result);
    };
    child.stdout!.on('data', check);
    child.on('exit', onExit);
    check();
  });
  if (outcome !== 'listening') {
    if (outcome === 'hung') child.kill('SIGKILL');
    await exited;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (/EADDRINUSE/.test(stderr)) throw new PortTaken(`port ${port} was taken`);
    throw new Error(
      `the server did not start on port ${port} ` +
        `(${outcome === 'hung' ? `no "listening" line after ${seconds} s` : `exit ${child.exitCode ?? child.signalCode} after ${seconds} s`}).\n` +
        `--- its stderr ---\n${stderr}\n--- its stdout ---\n${stdout}`,
    );
  }
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    output: (pattern) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!pattern.test(stdout) && !pattern.test(stderr)) return false;
          done();
          resolve();
          return true;
        };
        const giveUp = (why: string) => {
          done();
          reject(new Error(`no output matching ${pattern} (${why}):\n${stderr}\n${stdout}`));
        };
        const timer = setTimeout(() => giveUp('timed out'), STARTUP_MS);
        const onExit = () => setImmediate(() => check() || giveUp('the process exited'));
        const done = () => {
          clearTimeout(timer);
          child.stdout!.off('data', check);
          child.stderr!.off('data', check);
          child.off('exit', onExit);
        };
        child.stdout!.on('data', check);
        child.stderr!.on('data', check);
        child.on('exit', onExit);
        if (!check() && (child.exitCode !== null || child.signalCode !== null)) onExit();
      }),
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
