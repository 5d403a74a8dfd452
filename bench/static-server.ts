// A small static file server for the bench pages and bundles (node:http, loopback only).
// Every response is `no-store` so each measured run loads everything afresh.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticServer {
  /** e.g. `http://127.0.0.1:41234` */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Serves files by URL path from the first of `roots` that holds them (`/` → `index.html`).
 * `routes` maps exact paths to files outside the roots (e.g. `/cassa.js` → dist/cassa.js).
 */
export async function startStaticServer(
  roots: readonly string[],
  routes: Readonly<Record<string, string>> = {},
): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      const candidates = routes[pathname]
        ? [routes[pathname]]
        : roots.map((root) => safeJoin(root, pathname === '/' ? '/index.html' : pathname));
      for (const file of candidates) {
        if (!file) continue;
        try {
          const body = await readFile(file);
          response.writeHead(200, {
            'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
            'cache-control': 'no-store',
          });
          response.end(request.method === 'HEAD' ? undefined : body);
          return;
        } catch {
          // try the next root
        }
      }
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `root + pathname`, or undefined when the path would leave `root`. */
function safeJoin(root: string, pathname: string): string | undefined {
  const full = normalize(join(root, pathname));
  return full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : undefined;
}
