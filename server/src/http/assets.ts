// The stylesheet of the server's own HTML pages (the invoice copy): /api/assets/pages.css. One
// file, no inline style, so the pages keep a strict CSP (`style-src 'self'`).
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import type { AppEnv } from './context.ts';

export const PAGES_STYLESHEET = readFileSync(
  new URL('./assets/pages.css', import.meta.url),
  'utf8',
);
export const PAGES_STYLESHEET_PATH = '/api/assets/pages.css';

export function assetRoutes() {
  const routes = new Hono<AppEnv>();
  routes.get('/assets/pages.css', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(PAGES_STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
  return routes;
}
