// Issue 23: a renewal the bank answered "authentication required" (`action_required`) as the
// customer area shows it: the status translated, and the link that completes the payment.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/components/cassa-account/cassa-account.ts';
import type { CassaAccount } from '../../../src/components/cassa-account/cassa-account.ts';
import { withAccountRoutes } from '../account-backend.ts';
import { BACKEND, FakeBackend } from '../fake-backend.ts';
import { deep, visibleText } from '../checkout/helpers.ts';

const COMPANY = '1234567@aruba.it';

async function mountWaiting(locale: 'it' | 'en') {
  const backend = await FakeBackend.create();
  const data = withAccountRoutes(backend);
  const service = data.get(COMPANY)!.subscriptions[0]!;
  Object.assign(service, {
    status: 'action_required',
    autoRenew: false,
    nextCharge: null,
    actionUrl: '/renewal-payments/rp_test',
  });
  const el = await fixture<CassaAccount>(
    html`<cassa-account
      locale=${locale}
      .fetchImpl=${backend.fetch}
      session-token=${backend.tokenFor(COMPANY)}
      backend=${BACKEND}
    ></cassa-account>`,
  );
  await waitUntil(() => el.store?.state.phase === 'ready', 'the customer area never loaded', {
    timeout: 5000,
  });
  await el.updateComplete;
  return el;
}

describe('cassa-account: a renewal waiting for the bank’s authentication', () => {
  it('says so in Italian and links to the payment, resolved against the backend', async () => {
    const el = await mountWaiting('it');
    const text = visibleText(el);
    expect(text).to.contain('Stato Pagamento da completare');
    expect(text).to.contain('La tua banca chiede di confermare il pagamento del rinnovo');
    const link = deep<HTMLAnchorElement>(el, 'a[part=action]');
    expect(link.textContent?.trim()).to.equal('Completa il pagamento');
    expect(link.href).to.equal(
      new URL(
        'renewal-payments/rp_test',
        new URL(BACKEND, document.baseURI).href.replace(/\/?$/, '/'),
      ).href,
    );
    await expect(el).to.be.accessible();
  });

  it('and in English', async () => {
    const el = await mountWaiting('en');
    const text = visibleText(el);
    expect(text).to.contain('Status Payment to complete');
    expect(deep<HTMLAnchorElement>(el, 'a[part=action]').textContent?.trim()).to.equal(
      'Complete the payment',
    );
  });
});
