// POST /v1/quotes: the authoritative price of a selection.
import { Hono } from 'hono';
import { QuoteRequestSchema, withSplitPayment } from 'cassa/contract';
import { authenticate, bearerToken } from '../accounts/accounts.ts';
import type { AppDeps, AppEnv } from './context.ts';
import { priceRequest } from '../catalog/quoting.ts';
import { parseBody, readJson } from './request.ts';

export function quoteRoutes(deps: AppDeps) {
  const routes = new Hono<AppEnv>();
  routes.post('/v1/quotes', async (c) => {
    const request = parseBody(QuoteRequestSchema, await readJson(c));
    const customer = await authenticate(deps.db, bearerToken(c), deps.clock.now());
    const { quote } = await priceRequest(deps.db, deps.catalog, request, {
      customer,
      today: deps.clock.today(),
      locale: c.get('locale'),
    });
    // A public administration's quote: what it pays now is the taxable amount (split payment).
    return c.json(request.splitPayment ? withSplitPayment(quote) : quote);
  });
  return routes;
}
