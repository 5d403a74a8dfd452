// Demo-only: the emails the server "sent" and the simulated SDI transmissions, as JSON
// (/api/dev/outbox, /api/dev/sdi) and as one page (/outbox).
// Never mounted with NODE_ENV=production.
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../context.ts';
import { html, type Html } from '../html.ts';
import { listTransmissions } from '../invoices/store.ts';
import { listOutbox } from '../outbox.ts';
import { pageCsp } from '../security.ts';

export function devApiRoutes(deps: AppDeps) {
  const routes = new Hono<AppEnv>();
  routes.get('/dev/outbox', async (c) => c.json(await listOutbox(deps.db)));
  routes.get('/dev/sdi', async (c) => c.json(await listTransmissions(deps.db)));
  return routes;
}

/** An email body with its links (this server's copy links) clickable; the rest stays text. */
function bodyWithLinks(body: string): Html[] {
  return body
    .split(/(https?:\/\/[^\s]+)/)
    .map((part, i) => (i % 2 === 1 ? html`<a href="${part}">${part}</a>` : html`${part}`));
}

export function outboxPageRoutes(deps: AppDeps) {
  const routes = new Hono<AppEnv>();
  routes.get('/outbox', async (c) => {
    const emails = await listOutbox(deps.db);
    const transmissions = await listTransmissions(deps.db);
    const page = html`<!doctype html>
      <html lang="it">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>Outbox — Cassa demo</title>
          <link rel="stylesheet" href="/api/sandbox/sandbox.css" />
        </head>
        <body>
          <p class="banner" role="note">
            Demo — email non inviate davvero / emails not really sent
          </p>
          <main class="wide">
            <h1>Outbox</h1>
            <p class="meta">${emails.length} email · <a href="/">Cassa demo</a></p>
            ${
              emails.length === 0
                ? html`<p class="empty">Nessuna email. / No emails yet.</p>`
                : emails.map(
                    (e) =>
                      html`<article class="email card">
                        <h2>${e.subject}</h2>
                        <p class="meta">${e.kind} · to ${e.to} · ${e.createdAt}</p>
                        <pre>${bodyWithLinks(e.body)}</pre>
                      </article>`,
                  )
            }
            <h2>Trasmissioni SDI (simulate) / SDI transmissions (simulated)</h2>
            ${
              transmissions.length === 0
                ? html`<p class="empty">Nessuna trasmissione. / No transmissions yet.</p>`
                : transmissions.map(
                    (t) =>
                      html`<article class="email card sdi">
                        <h3>${t.fileName}</h3>
                        <p class="meta">
                          ${t.channel === 'sdi' ? 'SDI · Codice Destinatario' : 'SDI · PEC'} ${t.to}
                          · ${t.createdAt}
                        </p>
                        <details>
                          <summary>Allegato / attachment: ${t.fileName}</summary>
                          <pre>${t.xml}</pre>
                        </details>
                      </article>`,
                  )
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
