// Issue 25 (12): the login form links to the backend's password recovery page.
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/components/account-step/cassa-account-step.ts';
import type { CassaAccountStep } from '../../../src/components/account-step/cassa-account-step.ts';
import { $$, squash } from '../components/fixtures.ts';

describe('issue 25 (12): "forgot your password?" on the login form', () => {
  it('links to the recovery page in a new tab, said so to screen readers, in both languages', async () => {
    for (const [locale, text] of [
      ['it', 'Hai dimenticato la password o lo username? (si apre in una nuova scheda)'],
      ['en', 'Forgot your password or username? (opens in a new tab)'],
    ] as const) {
      const el = await fixture<CassaAccountStep>(
        html`<cassa-account-step
          locale=${locale}
          reset-url="/api/account/password-reset?lang=${locale}"
        ></cassa-account-step>`,
      );
      const link = $$<HTMLAnchorElement>(el, 'a').find((a) => a.href.includes('password-reset'))!;
      expect(link.getAttribute('href')).to.equal(`/api/account/password-reset?lang=${locale}`);
      expect(link.target).to.equal('_blank');
      expect(squash(link.textContent)).to.equal(text);
      await expect(el).to.be.accessible();
    }
  });

  it('never makes a javascript: link', async () => {
    const el = await fixture<CassaAccountStep>(
      html`<cassa-account-step locale="it" reset-url="javascript:alert(1)"></cassa-account-step>`,
    );
    expect($$(el, 'a')).to.have.length(0);
  });
});
