// Outside /api: the built widget (dist/, /cassa.js) and the demo host pages (demo/pages/).
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { Hono, type Context } from 'hono';
import type { AppDeps, AppEnv, StaticFiles } from '../../server/src/http/context.ts';
import { escapeHtml } from '../../server/src/http/html.ts';
import { notFound } from '../../server/src/http/problems.ts';
import { mintPortalSession } from '../../server/src/http/auth.ts';
import { HOST_PAGE_CSP, STRICT_CSP } from '../../server/src/http/security.ts';

/** The member the Ordine portal demo (/ordine.html) arrives logged in as. */
export const PORTAL_DEMO_USERNAME = 'mario.rossi@architettitorinopec.it';
export const SESSION_TOKEN_PLACEHOLDER = '__CASSA_SESSION_TOKEN__';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

/** A file under `root`, or undefined (missing, a folder, or a path escaping the root). */
async function readUnder(root: string, relative: string): Promise<Buffer | undefined> {
  const base = resolve(root);
  const file = resolve(base, `.${sep}${relative}`);
  if (!file.startsWith(base + sep)) return undefined;
  try {
    return await readFile(file);
  } catch {
    return undefined;
  }
}

function send(
  c: Context<AppEnv>,
  body: Buffer | string,
  name: string,
  headers: Record<string, string> = {},
) {
  c.set('logRoute', c.req.path);
  const type = CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';
  if (type.startsWith('text/html')) {
    c.header('Content-Security-Policy', headers['Content-Security-Policy'] ?? HOST_PAGE_CSP);
    c.header('Cache-Control', headers['Cache-Control'] ?? 'no-cache');
  } else {
    c.header('Cache-Control', 'no-cache');
    // The widget script is loaded by partner sites on other origins.
    c.header('Access-Control-Allow-Origin', '*');
  }
  return c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, {
    'Content-Type': type,
  });
}

export function staticRoutes(deps: AppDeps, files: StaticFiles) {
  const routes = new Hono<AppEnv>();

  // The drop-in script and the modules it loads from its own folder (cassa-*.js, with maps).
  routes.get('/:file{cassa(-[\\w.-]+)?\\.js(\\.map)?}', async (c) => {
    const name = c.req.param('file');
    const body = await readUnder(files.distDir, name);
    if (!body)
      throw notFound(
        name === 'cassa.js' ? 'The widget is not built: run npm run build.' : undefined,
      );
    return send(c, body, name);
  });
  routes.get('/dist/*', async (c) => {
    const relative = c.req.path.slice('/dist/'.length);
    const body = await readUnder(files.distDir, relative);
    if (!body) throw notFound();
    return send(c, body, relative);
  });

  routes.get('/ordine.html', async (c) => {
    const template = await readUnder(files.pagesDir, 'ordine.html');
    if (!template) throw notFound();
    // The portal already knows its member: it vouches for them, as POST /v1/portal/sessions does.
    const token = (await mintPortalSession(deps.db, PORTAL_DEMO_USERNAME, deps.clock.now())) ?? '';
    if (!token)
      deps.logger.error('ordine.html: the portal demo member does not exist (no demo accounts?)');
    const page = template.toString('utf8').replaceAll(SESSION_TOKEN_PLACEHOLDER, escapeHtml(token));
    return send(c, page, 'ordine.html', { 'Cache-Control': 'no-store' });
  });

  routes.get('/strict-csp.html', async (c) => {
    const body = await readUnder(files.pagesDir, 'strict-csp.html');
    if (!body) throw notFound();
    return send(c, body, 'strict-csp.html', { 'Content-Security-Policy': STRICT_CSP });
  });

  routes.get('/*', async (c) => {
    const path = c.req.path === '/' ? 'index.html' : c.req.path.slice(1);
    if (path.startsWith('api/')) throw notFound('Unknown route.');
    const body = await readUnder(files.pagesDir, path);
    if (!body) throw notFound('Unknown route.');
    return send(c, body, path);
  });
  return routes;
}
