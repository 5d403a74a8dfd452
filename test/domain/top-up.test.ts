// The credit top-up rule (issue 14, item 5): one function for the server and the payment chooser.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_TOP_UP_CENTS, topUpError } from '../../src/domain/top-up.ts';

describe('topUpError: a PEC add-on order paid by card with a credit top-up', () => {
  it('a card that loads 0 is topup.zero, whatever the minimum (one answer)', () => {
    assert.equal(topUpError({ method: 'card', topUpCents: 0, minimumCents: 0 }), 'topup.zero');
    assert.equal(topUpError({ method: 'card', topUpCents: 0, minimumCents: 1586 }), 'topup.zero');
  });

  it('below the minimum is topup.min; the minimum or more is accepted', () => {
    assert.equal(topUpError({ method: 'card', topUpCents: 1585, minimumCents: 1586 }), 'topup.min');
    assert.equal(topUpError({ method: 'card', topUpCents: 1586, minimumCents: 1586 }), undefined);
    assert.equal(topUpError({ method: 'card', topUpCents: 2000, minimumCents: 1586 }), undefined);
  });

  it('over 10.000,00 € is topup.max', () => {
    const over = MAX_TOP_UP_CENTS + 1;
    assert.equal(topUpError({ method: 'card', topUpCents: over, minimumCents: 0 }), 'topup.max');
    assert.equal(
      topUpError({ method: 'card', topUpCents: MAX_TOP_UP_CENTS, minimumCents: 0 }),
      undefined,
    );
  });

  it('with the credit known (the server), credit and top-up must cover what is due now', () => {
    const check = { method: 'card' as const, minimumCents: 0, totalCents: 1058 };
    assert.equal(topUpError({ ...check, topUpCents: 50, creditCents: 1000 }), 'topup.min');
    assert.equal(topUpError({ ...check, topUpCents: 58, creditCents: 1000 }), undefined);
  });

  it('credit alone: only when nothing needs loading and the credit covers the order', () => {
    const credit = { method: 'credit' as const, topUpCents: 0, totalCents: 1058 };
    assert.equal(topUpError({ ...credit, minimumCents: 0, creditCents: 2000 }), undefined);
    assert.equal(topUpError({ ...credit, minimumCents: 100, creditCents: 2000 }), 'topup.min');
    assert.equal(topUpError({ ...credit, minimumCents: 0, creditCents: 1000 }), 'topup.min');
    assert.equal(topUpError({ ...credit, minimumCents: 0, topUpCents: 100 }), 'topup.min');
  });
});
