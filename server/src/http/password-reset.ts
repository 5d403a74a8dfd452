// The password reset pages (plain HTML under /api/account/password-reset, Italian and English, no
// script: they work under a strict CSP). The buyer gives a username or the account's email and
// gets the same answer whether or not an account matched; the emailed link opens the page that
// sets a new password. Tokens, limits and the change itself: accounts/password-reset.ts.
import { Hono, type Context } from 'hono';
import { toLocale, type Locale } from 'cassa/contract';
import { hashPassword } from '../accounts/credentials.ts';
import {
  requestReset,
  resetLimiter,
  resetPassword,
  validReset,
} from '../accounts/password-reset.ts';
import { newPasswordError } from '../accounts/password-policy.ts';
import { formOriginAllowed } from '../payments/attempts.ts';
import { normalizeUsername } from './auth.ts';
import { clientAddress, NO_TRUSTED_PROXIES } from './client-address.ts';
import { publicOrigin, type AppDeps, type AppEnv } from './context.ts';
import { html, type Html } from './html.ts';
import { pageCsp } from './security.ts';

export const RESET_PATH = '/account/password-reset';

const TEXT = {
  it: {
    title: 'Recupera la password',
    intro:
      'Scrivi il tuo username (ad esempio 1234567@aruba.it) oppure l’email indicata nei dati dell’account: ti invieremo un link per scegliere una nuova password.',
    identifier: 'Username o email dell’account',
    send: 'Invia il link',
    sent: 'Controlla la tua email',
    sentText:
      'Se esiste un account con questi dati, ti abbiamo inviato un’email con il tuo username e un link per scegliere una nuova password. Il link vale 30 minuti e si usa una volta sola.',
    missing: 'Scrivi il tuo username o la tua email.',
    limited: (minutes: number) =>
      `Troppe richieste in poco tempo: riprova tra ${minutes} ${minutes === 1 ? 'minuto' : 'minuti'}.`,
    newTitle: 'Scegli una nuova password',
    password: 'Nuova password',
    passwordHint: 'Almeno 12 caratteri, non una password comune.',
    confirm: 'Ripeti la nuova password',
    save: 'Salva la nuova password',
    short: 'La password deve avere almeno 12 caratteri.',
    common: 'Questa password è tra le più usate: scegline una meno facile da indovinare.',
    foreign: 'Questo modulo è stato inviato da un altro sito: non è stato fatto nulla.',
    mismatch: 'Le due password non coincidono.',
    done: 'Password cambiata',
    doneText:
      'Da ora accedi con la nuova password. Per sicurezza abbiamo chiuso gli accessi aperti con la vecchia. Puoi chiudere questa pagina e tornare al negozio.',
    invalid: 'Link non più valido',
    invalidText: 'Il link è scaduto o è già stato usato. Puoi chiederne uno nuovo: vale 30 minuti.',
    again: 'Chiedi un nuovo link',
    language: 'English',
  },
  en: {
    title: 'Recover your password',
    intro:
      'Enter your username (for example 1234567@aruba.it) or the email in your account details: we will send you a link to choose a new password.',
    identifier: 'Account username or email',
    send: 'Send the link',
    sent: 'Check your email',
    sentText:
      'If an account matches, we have sent an email with your username and a link to choose a new password. The link is valid for 30 minutes and works once.',
    missing: 'Enter your username or your email.',
    limited: (minutes: number) =>
      `Too many requests in a short time: try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
    newTitle: 'Choose a new password',
    password: 'New password',
    passwordHint: 'At least 12 characters, not a common password.',
    confirm: 'Repeat the new password',
    save: 'Save the new password',
    short: 'The password needs at least 12 characters.',
    common: 'This password is among the most used ones: choose one that is harder to guess.',
    foreign: 'This form was sent from another site: nothing was done.',
    mismatch: 'The two passwords differ.',
    done: 'Password changed',
    doneText:
      'From now on, log in with the new password. For your safety, sessions opened with the old one were closed. You can close this page and go back to the shop.',
    invalid: 'This link is no longer valid',
    invalidText:
      'The link has expired or was already used. You can ask for a new one: it lasts 30 minutes.',
    again: 'Ask for a new link',
    language: 'Italiano',
  },
} as const;

function page(locale: Locale, title: string, body: Html, switchTo: string): string {
  return html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${title} — Cassa</title>
        <link rel="stylesheet" href="/api/sandbox/sandbox.css" />
      </head>
      <body>
        <main>
          <p class="lang">
            <a href="${switchTo}" lang="${locale === 'it' ? 'en' : 'it'}"
              >${TEXT[locale].language}</a
            >
          </p>
          <div class="card">${body}</div>
        </main>
      </body>
    </html>`.value;
}

function send(c: Context<AppEnv>, body: string, status: 200 | 403 | 404 | 422 | 429 = 200) {
  c.header('Content-Security-Policy', pageCsp());
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  return c.html(body, status);
}

function requestForm(locale: Locale, error = '', value = ''): Html {
  const t = TEXT[locale];
  return html`<h1>${t.title}</h1>
    <p>${t.intro}</p>
    <form method="post" action="/api${RESET_PATH}" novalidate>
      <input type="hidden" name="lang" value="${locale}" />
      <label for="identifier">${t.identifier}</label>
      <input
        id="identifier"
        name="identifier"
        autocomplete="username"
        autocapitalize="none"
        spellcheck="false"
        value="${value}"
        required
        ${error ? html`aria-invalid="true" aria-describedby="identifier-error"` : ''}
      />
      ${error ? html`<p class="error" id="identifier-error">${error}</p>` : ''}
      <div class="actions"><button type="submit">${t.send}</button></div>
    </form>`;
}

function passwordForm(
  locale: Locale,
  token: string,
  errors: { password?: string; confirm?: string } = {},
): Html {
  const t = TEXT[locale];
  const field = (name: 'password' | 'confirm', label: string, hint?: string) => {
    const error = errors[name];
    const described = [hint ? `${name}-hint` : '', error ? `${name}-error` : '']
      .filter(Boolean)
      .join(' ');
    return html`<label for="${name}">${label}</label>
      <input
        id="${name}"
        name="${name}"
        type="password"
        autocomplete="new-password"
        required
        ${described ? html`aria-describedby="${described}"` : ''}
        ${error ? html`aria-invalid="true"` : ''}
      />
      ${hint ? html`<p class="hint" id="${name}-hint">${hint}</p>` : ''}
      ${error ? html`<p class="error" id="${name}-error">${error}</p>` : ''}`;
  };
  return html`<h1>${t.newTitle}</h1>
    <form method="post" action="/api${RESET_PATH}/${token}" novalidate>
      <input type="hidden" name="lang" value="${locale}" />
      ${field('password', t.password, t.passwordHint)} ${field('confirm', t.confirm)}
      <div class="actions"><button type="submit">${t.save}</button></div>
    </form>`;
}

function invalidPage(locale: Locale): Html {
  const t = TEXT[locale];
  return html`<h1>${t.invalid}</h1>
    <p>${t.invalidText}</p>
    <p><a href="/api${RESET_PATH}?lang=${locale}">${t.again}</a></p>`;
}

const formFields = async (c: Context<AppEnv>) => {
  const form = await c.req.parseBody().catch(() => ({}));
  return Object.fromEntries(
    Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
};

export function passwordResetRoutes(deps: AppDeps) {
  const routes = new Hono<AppEnv>();
  const { db, clock } = deps;
  const limiter = resetLimiter(db);
  const ownOrigin = publicOrigin(deps);
  /** Another site's post (a forged request or password change) changes nothing. */
  const foreign = (c: Context<AppEnv>, locale: Locale, other: string) => {
    if (formOriginAllowed(c.req.header('Origin'), ownOrigin)) return undefined;
    const t = TEXT[locale];
    return send(c, page(locale, t.title, html`<h1>${t.foreign}</h1>`, other), 403);
  };
  const switchTo = (c: Context<AppEnv>, locale: Locale) => {
    const url = new URL(c.req.url);
    url.searchParams.set('lang', locale === 'it' ? 'en' : 'it');
    return `${url.pathname}${url.search}`;
  };

  routes.get(RESET_PATH, (c) => {
    const locale = toLocale(c.req.query('lang') ?? c.get('locale'));
    return send(c, page(locale, TEXT[locale].title, requestForm(locale), switchTo(c, locale)));
  });

  routes.post(RESET_PATH, async (c) => {
    const fields = await formFields(c);
    const locale = toLocale(fields.lang ?? c.get('locale'));
    const t = TEXT[locale];
    const raw = (fields.identifier ?? '').slice(0, 254);
    const identifier = normalizeUsername(raw);
    const other = `${RESET_PATH}?lang=${locale === 'it' ? 'en' : 'it'}`;
    const refused = foreign(c, locale, other);
    if (refused) return refused;
    if (!identifier)
      return send(c, page(locale, t.title, requestForm(locale, t.missing), other), 422);
    const address = clientAddress(c, deps.trustedProxies ?? NO_TRUSTED_PROXIES);
    const now = clock.now();
    const wait = await limiter.take(identifier, address);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      const body = requestForm(locale, t.limited(Math.ceil(wait / 60)), raw);
      return send(c, page(locale, t.title, body, other), 429);
    }
    // The link's origin is the configured one (CASSA_PUBLIC_URL), never the request's Host.
    const linkBase = `${ownOrigin}/api${RESET_PATH}`;
    await db.transaction((tx) => requestReset(tx, { identifier, now, linkBase, locale }));
    // The same answer whether or not an account matched.
    const body = html`<h1>${t.sent}</h1>
      <p role="status">${t.sentText}</p>`;
    return send(c, page(locale, t.sent, body, other));
  });

  routes.get(`${RESET_PATH}/:token`, async (c) => {
    const locale = toLocale(c.req.query('lang') ?? c.get('locale'));
    const token = c.req.param('token');
    const valid = await validReset(db, token, clock.now());
    const t = TEXT[locale];
    if (!valid)
      return send(c, page(locale, t.invalid, invalidPage(locale), switchTo(c, locale)), 404);
    return send(c, page(locale, t.newTitle, passwordForm(locale, token), switchTo(c, locale)));
  });

  routes.post(`${RESET_PATH}/:token`, async (c) => {
    const fields = await formFields(c);
    const locale = toLocale(fields.lang ?? c.get('locale'));
    const t = TEXT[locale];
    const token = c.req.param('token');
    const other = `${RESET_PATH}/${token}?lang=${locale === 'it' ? 'en' : 'it'}`;
    const refused = foreign(c, locale, other);
    if (refused) return refused;
    const password = fields.password ?? '';
    // The registration's rules (12 characters, not a common password).
    const policy = (await newPasswordError(password))?.code;
    const errors = {
      ...(policy ? { password: policy === 'password.common' ? t.common : t.short } : {}),
      ...(password !== (fields.confirm ?? '') ? { confirm: t.mismatch } : {}),
    };
    const now = clock.now();
    if (!(await validReset(db, token, now)))
      return send(c, page(locale, t.invalid, invalidPage(locale), other), 404);
    if (errors.password || errors.confirm)
      return send(c, page(locale, t.newTitle, passwordForm(locale, token, errors), other), 422);
    const changed = await resetPassword(db, token, await hashPassword(password), now);
    if (!changed) return send(c, page(locale, t.invalid, invalidPage(locale), other), 404);
    const body = html`<h1>${t.done}</h1>
      <p role="status">${t.doneText}</p>`;
    return send(c, page(locale, t.done, body, other));
  });
  return routes;
}
