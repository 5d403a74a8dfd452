// Builds the framework recipes under examples/ once per run, and serves their dist/ folders from
// one static server (its own origin, so the widget calls the reference server cross-origin, as a
// partner's page does).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { ROOT } from '../e2e/harness.ts';

export const EXAMPLES = ['react', 'vue', 'html'] as const;
export type Example = (typeof EXAMPLES)[number];

/** `vite build` of examples/<name> (the HTML page's own render script), for `backend`. */
export function buildExample(name: Example, backend: string): void {
  const env = { ...process.env, VITE_CASSA_BACKEND: backend, CASSA_BACKEND: backend };
  const args =
    name === 'html'
      ? [join(ROOT, 'examples/html/render.mjs')]
      : [
          join(ROOT, 'node_modules/vite/bin/vite.js'),
          'build',
          '--config',
          join(ROOT, `examples/${name}/vite.config.ts`),
          '--logLevel',
          'warn',
        ];
  execFileSync(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

export interface StaticSite {
  /** `http://localhost:<port>`: pages at `/<example>/`. */
  origin: string;
  close(): Promise<void>;
}

/** Serves examples/<name>/dist at /<name>/ on a port of its own. */
export async function serveExamples(): Promise<StaticSite> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const [, name, ...rest] = path.split('/');
    const base = resolve(ROOT, 'examples', name ?? '', 'dist');
    let file = normalize(join(base, ...rest));
    if (!EXAMPLES.includes(name as Example) || !file.startsWith(base)) {
      response.writeHead(404).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
