// The sandbox payment provider (demo only): an implementation of the server's payment-provider
// seam whose "bank" is this file. Its hosted card and PayPal pages and its 3-D Secure-like
// challenge page are served by this server (pages.ts, under /api/sandbox); its public test cards
// (TEST_CARDS, the README's "Test cards" table) are its own business, never the engines'. With
// NODE_ENV=production the server refuses to start with it unless CASSA_ALLOW_TEST_PROVIDER=yes.
import type { Queryable } from '../../../server/src/db/database.ts';
import type { OrderRecord } from '../../../server/src/orders/orders.ts';
import type {
  ChargeResult,
  OnlineMethod,
  PaymentProvider,
  PaymentResult,
  SavedMethodDetails,
} from '../../../server/src/payments/provider.ts';

/** What a test card does at the purchase (customer-initiated) and at a renewal (merchant-initiated). */
export interface TestCard {
  number: string;
  purchase: 'approved' | 'challenge' | 'refused';
  renewal: ChargeResult['outcome'];
  /** The README's and the page's words for it. */
  it: string;
  en: string;
}

/** The sandbox's test cards, as real providers document theirs (README "Test cards"). */
export const TEST_CARDS = {
  succeeds: {
    number: '4242424242424242',
    purchase: 'approved',
    renewal: 'paid',
    it: 'accettata (acquisto e rinnovi)',
    en: 'succeeds (purchase and renewals)',
  },
  refused: {
    number: '4000000000000002',
    purchase: 'refused',
    renewal: 'refused',
    it: 'rifiutata',
    en: 'refused',
  },
  challenge: {
    number: '4000002500003155',
    purchase: 'challenge',
    renewal: 'paid',
    it: 'chiede l’autenticazione all’acquisto',
    en: 'asks for authentication at purchase',
  },
  renewalChallenge: {
    number: '4000002760003184',
    purchase: 'approved',
    renewal: 'authentication_required',
    it: 'accettata all’acquisto, chiede l’autenticazione al rinnovo',
    en: 'succeeds at purchase, asks for authentication on renewal',
  },
  insufficientFunds: {
    number: '4000000000009995',
    purchase: 'approved',
    renewal: 'refused',
    it: 'accettata all’acquisto, fondi insufficienti al rinnovo',
    en: 'succeeds at purchase, insufficient funds on renewal',
  },
  expired: {
    number: '4000000000000069',
    purchase: 'refused',
    renewal: 'refused',
    it: 'scaduta (rifiutata)',
    en: 'expired (refused)',
  },
} as const satisfies Record<string, TestCard>;

export type TestCardName = keyof typeof TEST_CARDS;

/** Approved by the sandbox: a Visa saved as "Visa •••• 4242". */
export const APPROVED_CARD = TEST_CARDS.succeeds.number;
/** Refused by the sandbox at the purchase. */
export const REFUSED_CARD = TEST_CARDS.refused.number;

const CARDS: readonly TestCard[] = Object.values(TEST_CARDS);
const byNumber = (digits: string) => CARDS.find((card) => card.number === digits);
/** A saved card's test behaviour, by the last four digits of its label (PayPal: none). */
const bySavedLabel = (label: string) =>
  /^Visa •••• \d{4}$/.test(label)
    ? CARDS.find((card) => label.endsWith(card.number.slice(-4)))
    : undefined;

/** The card number grouped by four, as the pages and the README show it. */
export const grouped = (number: string) => number.replace(/(\d{4})(?=\d)/g, '$1 ');

/** The sandbox's hosted payment page of an order (served by pages.ts). */
export const sandboxPagePath = (orderId: string) =>
  `/api/sandbox/pay/${encodeURIComponent(orderId)}`;
/** The sandbox's authentication page of a renewal payment (served by pages.ts). */
export const sandboxAuthenticationPath = (paymentId: string) =>
  `/api/sandbox/authenticate/${encodeURIComponent(paymentId)}`;

export type SandboxField = 'holder' | 'number' | 'expiry' | 'cvc' | 'email';
/** What is wrong with a field, as a key of the page's texts. */
export type SandboxError =
  'errHolder' | 'errNumber' | 'errExpiry' | 'errExpired' | 'errCvc' | 'errEmail';

export interface SandboxForm {
  values: Partial<Record<SandboxField, string>>;
  errors: Partial<Record<SandboxField, SandboxError>>;
}

/** A card the bank wants the buyer to authenticate before it is charged (the challenge page). */
export interface SandboxChallenge {
  challenge: SavedMethodDetails;
}

/** The last day of the month of a card's "MM/YY" expiry. */
export function cardExpiryDate(expiry: string): string | undefined {
  const match = /^(0[1-9]|1[0-2])\s*\/\s*(\d{2})$/.exec(expiry.trim());
  if (!match) return undefined;
  const year = 2000 + Number(match[2]);
  const month = Number(match[1]);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/**
 * The sandbox's answer to its submitted form, or the field errors to show on the page. With
 * `today`, a card whose typed expiry has passed is refused at its field.
 */
export function sandboxDecision(
  method: OnlineMethod,
  form: Readonly<Record<string, string>>,
  today?: string,
): PaymentResult | SandboxForm | SandboxChallenge {
  if (form.decision === 'cancel') return { outcome: 'cancelled' };
  if (method === 'paypal') {
    const email = (form.email ?? '').trim();
    // No control characters: the address becomes the saved method's label (NUL cannot be stored).
    if (!/^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u.test(email) || email.length > 254) {
      return { values: { email }, errors: { email: 'errEmail' } };
    }
    return { outcome: 'approved', saved: { type: 'paypal', label: `PayPal ${email}` } };
  }
  const values = {
    holder: (form.holder ?? '').trim().slice(0, 100),
    number: (form.number ?? '').slice(0, 30),
    expiry: (form.expiry ?? '').trim().slice(0, 7),
    cvc: (form.cvc ?? '').trim().slice(0, 4),
  };
  const digits = values.number.replace(/[\s-]/g, '');
  const card = byNumber(digits);
  const errors: SandboxForm['errors'] = {};
  if (!values.holder) errors.holder = 'errHolder';
  if (!card) errors.number = 'errNumber';
  const cardExpiresOn = cardExpiryDate(values.expiry);
  if (!cardExpiresOn) errors.expiry = 'errExpiry';
  else if (today && cardExpiresOn < today) errors.expiry = 'errExpired';
  if (!/^\d{3,4}$/.test(values.cvc)) errors.cvc = 'errCvc';
  // The card number is never echoed back into the page.
  if (!card || !cardExpiresOn || Object.keys(errors).length)
    return { values: { ...values, number: '' }, errors };
  const saved: SavedMethodDetails = {
    type: 'card',
    label: `Visa •••• ${digits.slice(-4)}`,
    cardExpiresOn,
  };
  if (card.purchase === 'refused') return { outcome: 'refused' };
  if (card.purchase === 'challenge') return { challenge: saved };
  return { outcome: 'approved', saved };
}

/** Keeps a card waiting for its challenge (one per order; a new one replaces it). */
export async function holdChallenge(db: Queryable, orderId: string, saved: SavedMethodDetails) {
  await db.query(
    `INSERT INTO sandbox_challenges (order_id, label, card_expires_on, created_at)
     VALUES ($1, $2, $3::date, now())
     ON CONFLICT (order_id) DO UPDATE SET label = $2, card_expires_on = $3::date, created_at = now()`,
    [orderId, saved.label, saved.cardExpiresOn ?? null],
  );
}

/**
 * The card waiting for its challenge, if any; for an order paid with a saved card the bank wants
 * authenticated (the checkout sent the buyer here), that card, held on the first view.
 */
export async function challengeOf(db: Queryable, order: OrderRecord): Promise<string | undefined> {
  const held = await heldChallenge(db, order.id);
  if (held || !order.savedPaymentMethodId) return held;
  const { rows } = await db.query<{ label: string; card_expires_on: string | null }>(
    `SELECT label, card_expires_on::text AS card_expires_on FROM payment_methods
      WHERE id = $1 AND customer_id = $2 AND type = 'card'`,
    [order.savedPaymentMethodId, order.customerId],
  );
  const saved = rows[0];
  if (!saved) return undefined;
  await holdChallenge(db, order.id, {
    type: 'card',
    label: saved.label,
    ...(saved.card_expires_on ? { cardExpiresOn: saved.card_expires_on } : {}),
  });
  return saved.label;
}

/** The label of the card waiting for its challenge, if any. */
export async function heldChallenge(db: Queryable, orderId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ label: string }>(
    'SELECT label FROM sandbox_challenges WHERE order_id = $1',
    [orderId],
  );
  return rows[0]?.label;
}

/** Takes the card waiting for its challenge (once). */
async function takeChallenge(db: Queryable, orderId: string) {
  const { rows } = await db.query<{ label: string; card_expires_on: string | null }>(
    `DELETE FROM sandbox_challenges WHERE order_id = $1
      RETURNING label, card_expires_on::text AS card_expires_on`,
    [orderId],
  );
  return rows[0];
}

export function sandboxProvider(): PaymentProvider {
  return {
    id: 'sandbox',
    test: true,
    methods: ['card', 'paypal'],
    async startPayment(start) {
      return { url: `${start.origin}${sandboxPagePath(start.orderId)}?lang=${start.locale}` };
    },
    // The sandbox's page is its own return: pages.ts hands its form to the engine, which calls
    // this. A form with errors is no payment. The challenge's form (step=challenge) approves or
    // fails the card that asked for it.
    async completeReturn(back, db) {
      if (back.form.step === 'challenge') {
        const held = await takeChallenge(db, back.orderId);
        if (!held || back.form.decision === 'cancel') return { outcome: 'cancelled' };
        if (back.form.decision !== 'approve') return { outcome: 'refused' };
        return {
          outcome: 'approved',
          saved: {
            type: 'card',
            label: held.label,
            ...(held.card_expires_on ? { cardExpiresOn: held.card_expires_on } : {}),
          },
        };
      }
      const decision = sandboxDecision(back.method, back.form);
      return 'errors' in decision || 'challenge' in decision ? { outcome: 'cancelled' } : decision;
    },
    // A saved card does what its test card does (by the last four digits of its label): at a
    // renewal (merchant-initiated) its renewal behaviour; at a checkout with the saved card
    // (customer-initiated) its purchase behaviour: refused, or the bank's challenge again (the
    // buyer authenticates on the sandbox's page). PayPal pays.
    async chargeSaved(charge) {
      const card = bySavedLabel(charge.saved.label);
      if (!card) return { outcome: 'paid' };
      if (charge.initiator === 'merchant') return { outcome: card.renewal };
      if (card.purchase === 'challenge') return { outcome: 'authentication_required' };
      return { outcome: card.purchase === 'refused' ? 'refused' : 'paid' };
    },
    describeSaved: (saved) => saved.label,
    async startAuthentication(start) {
      return {
        url: `${start.origin}${sandboxAuthenticationPath(start.paymentId)}?lang=${start.locale}`,
      };
    },
    // The challenge page's own form: approve pays, fail refuses (the link keeps working).
    async completeAuthentication(back) {
      return { outcome: back.form.decision === 'approve' ? 'paid' : 'refused' };
    },
  };
}
