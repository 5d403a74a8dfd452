// Demo-only: the merchant side of the webhooks. /webhooks/receiver is a receiver as an
// integrator would write one (verify the Standard Webhooks signature, keep the event, answer
// 2xx; a repeated webhook-id is the same event); /webhooks lists what it received and how each
// delivery went (attempts, given up). Never mounted with NODE_ENV=production.
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../server/src/http/context.ts';
import { PAGES_STYLESHEET_PATH } from '../../server/src/http/assets.ts';
import { html } from '../../server/src/http/html.ts';
import { pageCsp } from '../../server/src/http/security.ts';
import { listWebhookEvents, verifyWebhook } from '../../server/src/webhooks/webhooks.ts';

interface Receipt {
  webhook_id: string;
  type: string | null;
  verified: boolean;
  payload: string;
  received_at: Date;
}

export function webhookPageRoutes(deps: AppDeps) {
  const routes = new Hono<AppEnv>();

  routes.post('/webhooks/receiver', async (c) => {
    const body = await c.req.text();
    const headers = {
      'webhook-id': c.req.header('webhook-id') ?? '',
      'webhook-timestamp': c.req.header('webhook-timestamp') ?? '',
      'webhook-signature': c.req.header('webhook-signature') ?? '',
    };
    const result = deps.webhookSecret
      ? verifyWebhook(deps.webhookSecret, body, headers)
      : { ok: false as const };
    await deps.db.query(
      `INSERT INTO demo_webhook_receipts (webhook_id, type, verified, payload, received_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [
        headers['webhook-id'].slice(0, 100),
        result.ok ? result.payload.type : null,
        result.ok,
        result.ok ? JSON.stringify(result.payload, null, 2) : '',
        new Date(),
      ],
    );
    return c.body(null, result.ok ? 204 : 401);
  });

  routes.get('/api/dev/webhooks', async (c) => {
    const { rows } = await deps.db.query<Receipt>(
      `SELECT webhook_id, type, verified, payload, received_at FROM demo_webhook_receipts
        ORDER BY id DESC LIMIT 200`,
    );
    return c.json({
      events: await listWebhookEvents(deps.db),
      received: rows.map((r) => ({
        webhookId: r.webhook_id,
        type: r.type,
        verified: r.verified,
        receivedAt: new Date(r.received_at).toISOString(),
      })),
    });
  });

  routes.get('/webhooks', async (c) => {
    const events = await listWebhookEvents(deps.db);
    const { rows: receipts } = await deps.db.query<Receipt>(
      `SELECT webhook_id, type, verified, payload, received_at FROM demo_webhook_receipts
        ORDER BY id DESC LIMIT 200`,
    );
    const page = html`<!doctype html>
      <html lang="it">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>Webhooks — Cassa demo</title>
          <link rel="stylesheet" href="${PAGES_STYLESHEET_PATH}" />
        </head>
        <body>
          <p class="banner" role="note">
            Demo — il server del commerciante che riceve i webhook / the merchant's webhook receiver
          </p>
          <main class="wide">
            <h1>Webhooks</h1>
            <p class="meta">
              <a href="/outbox">Outbox</a> · <a href="/">Cassa demo</a> · firme verificate con
              <code>standardwebhooks</code> / signatures verified with <code>standardwebhooks</code>
            </p>
            <h2>Ricevuti / Received (${receipts.length})</h2>
            ${
              receipts.length === 0
                ? html`<p class="empty">Nessun webhook ricevuto. / No webhooks received yet.</p>`
                : receipts.map(
                    (r) =>
                      html`<article class="email card">
                        <h3>${r.type ?? '?'}</h3>
                        <p class="meta">
                          ${r.webhook_id} · ${new Date(r.received_at).toISOString()} ·
                          ${
                            r.verified
                              ? html`<strong>firma valida / signature verified</strong>`
                              : html`<strong class="error"
                                  >firma NON valida / signature invalid</strong
                                >`
                          }
                        </p>
                        ${r.verified ? html`<pre>${r.payload}</pre>` : ''}
                      </article>`,
                  )
            }
            <h2>Consegne / Deliveries (${events.length})</h2>
            ${
              events.length === 0
                ? html`<p class="empty">Nessun evento. / No events yet.</p>`
                : html`<table class="deliveries">
                    <thead>
                      <tr>
                        <th scope="col">Evento / Event</th>
                        <th scope="col">Stato / Status</th>
                        <th scope="col">Tentativi / Attempts</th>
                        <th scope="col">Ultimo errore / Last error</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${events.map(
                        (e) =>
                          html`<tr>
                            <td>${e.type}<br /><small>${e.id}</small></td>
                            <td>
                              ${
                                e.status === 'failed'
                                  ? html`<strong class="error">failed (gave up)</strong>`
                                  : e.status
                              }
                            </td>
                            <td>${e.attempts}</td>
                            <td>${e.lastError ?? ''}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>`
            }
          </main>
        </body>
      </html>`;
    c.header('Content-Security-Policy', pageCsp());
    c.header('Cache-Control', 'no-store');
    return c.html(page.value);
  });
  return routes;
}
