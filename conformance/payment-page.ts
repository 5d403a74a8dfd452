// Drives a payment page the way a buyer's browser would, as far as the kit can: it fills the
// form's card or PayPal fields with the sandbox test values (4242 4242 4242 4242), submits the
// button that is not "cancel", follows redirects and further steps (a strong-authentication
// challenge is one more form: confirmed, or with `challenge: 'fail'` not confirmed), and stops
// when the page sends the buyer back to the return URL with `cassa_order` (or the `idParam`
// given, e.g. `cassa_setup`) and `cassa_resume`. A real provider's page (script-driven, hosted
// fields) is not drivable: the caller reports the area as not exercised, with the reason.

export type DriveResult =
  | {
      ok: true;
      /** The return's `cassa_order` (or its `idParam`). */
      orderId: string;
      token: string;
      /** The return URL the page sent the buyer to, with everything it carries. */
      returnedTo: URL;
      /** How many forms the kit submitted (2 when a challenge followed the card form). */
      submitted: number;
      steps: string[];
    }
  | { ok: false; reason: string; steps: string[] };

export interface DriveOptions {
  /** `pay`: the button that is not "cancel"; `cancel`: the buyer gives up on the page. */
  choice?: PageChoice;
  /** The card number typed in a card form (default the sandbox's 4242 4242 4242 4242). */
  cardNumber?: string;
  /** The answer to the bank's challenge, when the page asks for one (default `approve`). */
  challenge?: 'approve' | 'fail';
  /** The return URL's parameter that names what was paid (default `cassa_order`). */
  idParam?: string;
}

/** The sandbox's test card that succeeds at once. */
export const TEST_CARD = '4242 4242 4242 4242';
/** The sandbox's test card the bank wants authenticated (a challenge page before the charge). */
export const CHALLENGE_CARD = '4000 0025 0000 3155';

const MAX_STEPS = 8;

const decode = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(
    /([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*(?:=\s*("([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g,
  )) {
    const name = (match[1] ?? '').toLowerCase();
    found[name] = decode(match[3] ?? match[4] ?? match[5] ?? '');
  }
  return found;
}

const yy = () => String((new Date().getUTCFullYear() + 3) % 100).padStart(2, '0');

/** Test values for the fields a sandbox card or PayPal page asks for. */
function testValue(name: string, type: string, cardNumber: string): string | undefined {
  const n = name.toLowerCase();
  if (/number|pan|card/.test(n)) return cardNumber;
  if (/exp/.test(n)) return `12/${yy()}`;
  if (/cvc|cvv|csc/.test(n)) return '123';
  if (/holder|name/.test(n)) return 'Conformance Test';
  if (/mail/.test(n) || type === 'email') return 'conformance@example.com';
  if (/code|otp|password|pin/.test(n)) return '123456';
  return undefined;
}

interface Form {
  action: string;
  fields: [string, string][];
}

/** `pay`: the button that is not "cancel"; `cancel`: the buyer gives up on the page. */
export type PageChoice = 'pay' | 'cancel';

const CANCEL = /cancel|annull|back|return|torna|indietro/i;
/** The challenge's "do not confirm" button (authentication fails). */
const DECLINE = /\bfail|decline|reject|do not confirm|non confermare|rifiut/i;

function pickForm(
  html: string,
  pageUrl: string,
  choice: PageChoice,
  cardNumber: string,
  challenge: 'approve' | 'fail',
): Form | undefined {
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const formAttrs = attributes(match[1] ?? '');
    if ((formAttrs.method ?? 'get').toLowerCase() !== 'post') continue;
    const inner = match[2] ?? '';
    const fields: [string, string][] = [];
    for (const input of inner.matchAll(/<input\b([^>]*)>/gi)) {
      const a = attributes(input[1] ?? '');
      if (!a.name || a.type === 'submit' || a.type === 'button') continue;
      const type = (a.type ?? 'text').toLowerCase();
      if ((type === 'checkbox' || type === 'radio') && !('checked' in a)) continue;
      const value =
        type === 'hidden'
          ? (a.value ?? '')
          : (testValue(a.name, type, cardNumber) ?? a.value ?? '');
      fields.push([a.name, value]);
    }
    const buttons = [...inner.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)]
      .map((b) => ({ attrs: attributes(b[1] ?? ''), label: (b[2] ?? '').replace(/<[^>]*>/g, '') }))
      .filter((b) => (b.attrs.type ?? 'submit').toLowerCase() === 'submit');
    const text = (b: (typeof buttons)[number]) => `${b.attrs.value ?? ''} ${b.label}`;
    const decline =
      choice === 'pay' && challenge === 'fail'
        ? buttons.find((b) => DECLINE.test(text(b)))
        : undefined;
    const go =
      decline ??
      buttons.find((b) => CANCEL.test(text(b)) === (choice === 'cancel') && !DECLINE.test(text(b)));
    if (!go) continue;
    if (go.attrs.name) fields.push([go.attrs.name, go.attrs.value ?? '']);
    return { action: new URL(formAttrs.action || pageUrl, pageUrl).toString(), fields };
  }
  return undefined;
}

/** Follows `actionUrl` until the buyer is back on `returnUrl`; never throws on a page's answer. */
export async function drivePaymentPage(
  actionUrl: string,
  returnUrl: string,
  timeoutMs: number,
  options: PageChoice | DriveOptions = {},
): Promise<DriveResult> {
  const {
    choice = 'pay',
    cardNumber = TEST_CARD,
    challenge = 'approve',
    idParam = 'cassa_order',
  } = typeof options === 'string' ? { choice: options } : options;
  const back = new URL(returnUrl);
  let submitted = 0;
  const steps: string[] = [];
  const cookies = new Map<string, string>();
  let next: { url: string; method: 'GET' | 'POST'; body?: string; origin?: string } = {
    url: actionUrl,
    method: 'GET',
  };
  for (let step = 0; step < MAX_STEPS; step++) {
    const target = new URL(next.url);
    if (target.origin === back.origin && target.pathname === back.pathname) {
      const orderId = target.searchParams.get(idParam);
      const token = target.searchParams.get('cassa_resume');
      if (orderId && token)
        return { ok: true, orderId, token, returnedTo: target, submitted, steps };
      return {
        ok: false,
        reason: `the page sent the buyer back to ${target.origin}${target.pathname} without ${idParam} and cassa_resume`,
        steps,
      };
    }
    const headers: Record<string, string> = { Accept: 'text/html' };
    if (cookies.size) headers.Cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (next.body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    if (next.origin) headers.Origin = next.origin;
    let response: Response;
    try {
      response = await fetch(next.url, {
        method: next.method,
        headers,
        ...(next.body !== undefined ? { body: next.body } : {}),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      return { ok: false, reason: `${next.method} ${next.url} failed: ${String(error)}`, steps };
    }
    steps.push(`${next.method} ${next.url} → ${response.status}`);
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      next = { url: new URL(location, next.url).toString(), method: 'GET' };
      continue;
    }
    const text = await response.text();
    if (response.status >= 400) {
      return {
        ok: false,
        reason: `${next.method} ${next.url} answered HTTP ${response.status}${next.method === 'POST' ? ' (the page refused the test values)' : ''}`,
        steps,
      };
    }
    const form = /html/i.test(response.headers.get('content-type') ?? '')
      ? pickForm(text, next.url, choice, cardNumber, challenge)
      : undefined;
    if (!form) {
      return {
        ok: false,
        reason: `the page at ${next.url} (HTTP ${response.status}) has no form the kit can submit (a provider driven by scripts is not drivable)`,
        steps,
      };
    }
    // A browser sends `Origin: null` from a page under `Referrer-Policy: no-referrer`.
    const policy = response.headers.get('referrer-policy') ?? '';
    submitted += 1;
    next = {
      url: form.action,
      method: 'POST',
      body: new URLSearchParams(form.fields).toString(),
      origin: /no-referrer(?!-)/.test(policy) ? 'null' : new URL(next.url).origin,
    };
  }
  return { ok: false, reason: `still not back on the return URL after ${MAX_STEPS} steps`, steps };
}
