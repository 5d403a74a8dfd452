// Demo-only: the emails the server "sent", as JSON (/api/dev/outbox) and as a page (/outbox).
// Never mounted with NODE_ENV=production.
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../context.ts';
import { html } from '../html.ts';
import { listOutbox } from '../outbox.ts';
import { pageCsp } from '../security.ts';

export function devApiRoutes(deps: AppDeps) {
  const routes = new Hono<AppEnv>();
  routes.get('/dev/outbox', async (c) => c.json(await listOutbox(deps.db)));
  return routes;
}

export function outboxPageRoutes(deps: AppDeps) {
  const routes = new Hono<AppEnv>();
  routes.get('/outbox', async (c) => {
    const emails = await listOutbox(deps.db);
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
                        <pre>${e.body}</pre>
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
