// The sandbox payment provider (demo only): an implementation of the server's payment-provider
// seam whose "bank" is this file. Its hosted card and PayPal pages are served by this server
// (pages.ts, under /api/sandbox); its public test cards and its refuse switch for renewals are its
// own business, never the engines'. With NODE_ENV=production the server refuses to start with it
// unless CASSA_ALLOW_TEST_PROVIDER=yes.
import type {
  OnlineMethod,
  PaymentProvider,
  PaymentResult,
} from '../../../server/src/payments/provider.ts';

/** Approved by the sandbox: a Visa saved as "Visa •••• 4242". */
export const APPROVED_CARD = '4242424242424242';
/** Refused by the sandbox, at the first payment and (saved) at every renewal. */
export const REFUSED_CARD = '4000000000000002';

/** The sandbox's hosted payment page of an order (served by pages.ts). */
export const sandboxPagePath = (orderId: string) =>
  `/api/sandbox/pay/${encodeURIComponent(orderId)}`;

export type SandboxField = 'holder' | 'number' | 'expiry' | 'cvc' | 'email';
/** What is wrong with a field, as a key of the page's texts. */
export type SandboxError = 'errHolder' | 'errNumber' | 'errExpiry' | 'errCvc' | 'errEmail';

export interface SandboxForm {
  values: Partial<Record<SandboxField, string>>;
  errors: Partial<Record<SandboxField, SandboxError>>;
}

/** The sandbox's answer to its submitted form, or the field errors to show on the page. */
export function sandboxDecision(
  method: OnlineMethod,
  form: Readonly<Record<string, string>>,
): PaymentResult | SandboxForm {
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
  const errors: SandboxForm['errors'] = {};
  if (!values.holder) errors.holder = 'errHolder';
  if (digits !== APPROVED_CARD && digits !== REFUSED_CARD) errors.number = 'errNumber';
  if (!/^(0[1-9]|1[0-2])\s*\/\s*\d{2}$/.test(values.expiry)) errors.expiry = 'errExpiry';
  if (!/^\d{3,4}$/.test(values.cvc)) errors.cvc = 'errCvc';
  // The card number is never echoed back into the page.
  if (Object.keys(errors).length) return { values: { ...values, number: '' }, errors };
  return digits === APPROVED_CARD
    ? { outcome: 'approved', saved: { type: 'card', label: 'Visa •••• 4242' } }
    : { outcome: 'refused' };
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
    // this. A form with errors is no payment.
    async completeReturn(back) {
      const decision = sandboxDecision(back.method, back.form);
      return 'errors' in decision ? { outcome: 'cancelled' } : decision;
    },
    // Refused: a method the demo operator switched to refuse on /outbox
    // (payment_methods.refuses_charges, the sandbox's switch), and a saved card ending 0002 (the
    // refused test card) whenever it is charged without the buyer (a renewal).
    async chargeSaved(charge, db) {
      const { rows } = await db.query<{ refuses_charges: boolean }>(
        'SELECT refuses_charges FROM payment_methods WHERE id = $1',
        [charge.saved.id],
      );
      const refuses =
        (rows[0]?.refuses_charges ?? true) ||
        (charge.initiator === 'merchant' && charge.saved.label.endsWith(REFUSED_CARD.slice(-4)));
      return refuses ? { outcome: 'refused' } : { outcome: 'paid' };
    },
    describeSaved: (saved) => saved.label,
  };
}
