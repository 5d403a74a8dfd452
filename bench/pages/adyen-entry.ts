// The Adyen Web Drop-in page: card, PayPal and bank transfer, from a paymentMethods response
// served by the bench's own server (the "advanced flow": no Adyen session, no network).
// Bundled with its CSS into one file (bench/bundle.ts), like dist/cassa.js.
import { AdyenCheckout, Dropin, Card, PayPal, BankTransfer } from '@adyen/adyen-web';
import adyenCss from '@adyen/adyen-web/styles/adyen.css';

const bench = window.__bench;

const style = document.createElement('style');
style.textContent = adyenCss;
document.head.append(style);

async function mountDropin(): Promise<void> {
  const response = await fetch('/adyen-payment-methods.json');
  const paymentMethodsResponse = await response.json();
  const checkout = await AdyenCheckout({
    environment: 'test',
    clientKey: 'test_BENCHBENCHBENCHBENCHBENCHBENCH',
    countryCode: 'IT',
    // en-US is bundled; any other locale is fetched from Adyen's CDN, which the bench blocks.
    locale: 'en-US',
    amount: { value: 14640, currency: 'EUR' },
    paymentMethodsResponse,
    analytics: { enabled: false },
    onSubmit: (_state, _component, actions) => actions.reject(),
    onAdditionalDetails: (_state, _component, actions) => actions.reject(),
    onError: (error) => bench.fail(`adyen onError ${error.name}`),
  });
  const root = document.getElementById('dropin');
  if (!root) throw new Error('adyen page: missing #dropin');
  new Dropin(checkout, {
    paymentMethodComponents: [Card, PayPal, BankTransfer],
    onReady: () =>
      bench.whenRendered(
        () => root.querySelectorAll('.adyen-checkout__payment-method').length >= 3,
        () => bench.markInteractive(),
      ),
  }).mount(root);
}

mountDropin().catch((error: unknown) => bench.fail(error));
