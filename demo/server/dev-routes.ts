// Demo-only: the emails the server "sent" and the simulated SDI transmissions, as JSON
// (/api/dev/outbox, /api/dev/sdi) and as one page (/outbox), with the demo operator's buttons:
// "payment received" for each order awaiting a bank transfer or postal slip, and the clock moved
// forward to watch renewals happen.
// Never mounted with NODE_ENV=production.
import { Hono } from 'hono';
import { formatMoney } from '../../src/i18n/index.ts';
import { publicOrigin, type AppDeps, type AppEnv } from '../../server/src/http/context.ts';
import { PAGES_STYLESHEET_PATH } from '../../server/src/http/assets.ts';
import { html, type Html } from '../../server/src/http/html.ts';
import { listTransmissions } from '../../server/src/invoices/store.ts';
import { listOutbox } from '../../server/src/notifications/outbox.ts';
import { Problem } from '../../server/src/http/problems.ts';
import { pageCsp } from '../../server/src/http/security.ts';
import { advanceClock, receivePayment } from '../../server/src/http/operator.ts';
import { grouped, TEST_CARDS } from './sandbox/provider.ts';

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

interface AwaitingRow {
  number: string;
  total_cents: number;
  payment_method: string;
}

interface RenewingRow {
  number: string;
  renewal_state: string;
  next_renewal_on: string;
  expires_on: string;
  label: string | null;
}

/** The clock steps the demo page offers (days). */
export const CLOCK_STEPS = [1, 7, 30, 365] as const;

export function outboxPageRoutes(deps: AppDeps) {
  const routes = new Hono<AppEnv>();
  routes.get('/outbox', async (c) => {
    const emails = await listOutbox(deps.db);
    const transmissions = await listTransmissions(deps.db);
    const { rows: awaiting } = await deps.db.query<AwaitingRow>(
      `SELECT number, total_cents, payment_method FROM orders
        WHERE status = 'awaiting_payment' ORDER BY created_at DESC LIMIT 50`,
    );
    const { rows: renewing } = await deps.db.query<RenewingRow>(
      `SELECT o.number, o.renewal_state, o.next_renewal_on::text AS next_renewal_on,
              o.expires_on::text AS expires_on, pm.label
         FROM orders o LEFT JOIN payment_methods pm ON pm.id = o.saved_payment_method_id
        WHERE o.renewal_state IN ('scheduled', 'retrying', 'action_required')
        ORDER BY o.next_renewal_on, o.number LIMIT 50`,
    );
    const clock = deps.shiftableClock;
    await clock?.load(deps.db);
    const notice = c.req.query('notice');
    const page = html`<!doctype html>
      <html lang="it">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>Outbox — Cassa demo</title>
          <link rel="stylesheet" href="${PAGES_STYLESHEET_PATH}" />
        </head>
        <body>
          <p class="banner" role="note">
            Demo — email non inviate davvero / emails not really sent
          </p>
          <main class="wide">
            <h1>Outbox</h1>
            <p class="meta">
              ${emails.length} email · <a href="/webhooks">Webhooks</a> ·
              <a href="/">Cassa demo</a>
            </p>
            ${notice ? html`<p class="notice" role="status">${notice.slice(0, 200)}</p>` : ''}
            ${
              awaiting.length
                ? html`<section class="card">
                    <h2>In attesa di pagamento / Awaiting payment</h2>
                    <ul class="awaiting">
                      ${awaiting.map(
                        (o) =>
                          html`<li>
                            <form method="post" action="/outbox/payment-received">
                              <input type="hidden" name="orderNumber" value="${o.number}" />
                              <input type="hidden" name="amountCents" value="${o.total_cents}" />
                              ${o.number} · ${o.payment_method} ·
                              ${formatMoney(o.total_cents, 'EUR', 'it')}
                              <button type="submit">Pagamento ricevuto / Payment received</button>
                            </form>
                          </li>`,
                      )}
                    </ul>
                  </section>`
                : ''
            }
            ${
              renewing.length
                ? html`<section class="card">
                    <h2>Rinnovi automatici / Automatic renewals</h2>
                    <p class="hint">
                      Ogni carta di prova fa al rinnovo ciò che dice la tabella del README (per
                      esempio ${grouped(TEST_CARDS.insufficientFunds.number)}: fondi insufficienti
                      al rinnovo; ${grouped(TEST_CARDS.renewalChallenge.number)}: la banca chiede
                      l'autenticazione). / Each test card does at renewal what the README's table
                      says (${grouped(TEST_CARDS.insufficientFunds.number)}: insufficient funds on
                      renewal; ${grouped(TEST_CARDS.renewalChallenge.number)}: the bank asks for
                      authentication).
                    </p>
                    <ul class="awaiting">
                      ${renewing.map(
                        (o) =>
                          html`<li>
                            ${o.number} · ${o.renewal_state} · addebito / charge
                            ${o.next_renewal_on} · scade / expires ${o.expires_on} ·
                            ${o.label ?? '?'}
                          </li>`,
                      )}
                    </ul>
                  </section>`
                : ''
            }
            ${
              clock
                ? html`<section class="card">
                    <h2>Orologio della demo / Demo clock</h2>
                    <p class="meta">Oggi / Today: <strong>${clock.today()}</strong></p>
                    <form method="post" action="/outbox/clock">
                      ${CLOCK_STEPS.map(
                        (days) =>
                          html`<button type="submit" name="days" value="${days}">
                            +${days} ${days === 1 ? 'giorno / day' : 'giorni / days'}
                          </button> `,
                      )}
                    </form>
                    <p class="hint">
                      I rinnovi dovuti vengono eseguiti subito. / Renewals that fall due run at
                      once.
                    </p>
                  </section>`
                : ''
            }
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

  const back = (notice: string) => `/outbox?notice=${encodeURIComponent(notice)}`;

  routes.post('/outbox/payment-received', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const orderNumber = typeof form.orderNumber === 'string' ? form.orderNumber : '';
    const amountCents = Number(form.amountCents);
    try {
      const { order, replayed } = await receivePayment(
        deps,
        { orderNumber, amountCents },
        publicOrigin(deps),
      );
      return c.redirect(
        back(
          replayed
            ? `${order.number}: già registrato / already recorded`
            : `${order.number}: pagato / paid`,
        ),
        303,
      );
    } catch (error) {
      if (error instanceof Problem) return c.redirect(back(error.message), 303);
      throw error;
    }
  });

  routes.post('/outbox/clock', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const days = Number(form.days);
    if (!CLOCK_STEPS.includes(days as (typeof CLOCK_STEPS)[number]))
      return c.redirect(back('?'), 303);
    const { today, report } = await advanceClock(deps, days);
    return c.redirect(
      back(
        `${today}: rinnovati / renewed ${report.renewed + report.addonsRenewed}, rifiutati / refused ${report.refused}, da autenticare / action required ${report.actionRequired}, falliti / failed ${report.failed}, disattivati / deactivated ${report.addonsDeactivated}`,
      ),
      303,
    );
  });
  return routes;
}
