// GET /v1/products/:id (the catalog entry) and GET /v1/openapi.json (the contract).
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from './context.ts';
import { openApiDocument } from './openapi.ts';
import { productOrNotFound } from '../catalog/quoting.ts';

export function catalogRoutes(deps: AppDeps) {
  const routes = new Hono<AppEnv>();
  let openApi: ReturnType<typeof openApiDocument> | undefined;

  routes.get('/v1/products/:id', (c) => {
    const product = productOrNotFound(deps.catalog, c.req.param('id'));
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(product);
  });

  routes.get('/v1/openapi.json', (c) => {
    openApi ??= openApiDocument();
    return c.json(openApi);
  });
  return routes;
}
