import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validateSelection } from '../../src/domain/selection.ts';
import type { AddonQuantity, FieldError, Selection } from '../../src/domain/types.ts';
import { certifiedPlatform, pecAddons } from './demo-catalog.ts';

const certified = (addons: AddonQuantity[], planId = 'base', years = 1): Selection => ({
  productId: 'certified-platform',
  planId,
  years,
  addons,
});

const pec = (addons: AddonQuantity[], extra: Partial<Selection> = {}): Selection => ({
  productId: 'pec-addons',
  planId: 'member',
  years: 1,
  addons,
  subscriptionId: 'sub_1',
  ...extra,
});

type Row = readonly [name: string, selection: Selection, expected: FieldError[]];

function table(rows: readonly Row[], product = certifiedPlatform): void {
  for (const [name, selection, expected] of rows) {
    it(name, () => assert.deepEqual(validateSelection(product, selection), expected));
  }
}

const one = (id: string, quantity: number) => certified([{ id, quantity }]);
const atQuantity = (code: FieldError['code']): FieldError[] => [
  { path: 'addons.0.quantity', code },
];

describe('selection: Certified Platform add-on bounds', () => {
  table([
    ['accepts no add-ons at all', certified([]), []],
    ['accepts 1 additional user', one('extra-users', 1), []],
    ['accepts 14 additional users (the maximum)', one('extra-users', 14), []],
    ['refuses 15 additional users', one('extra-users', 15), atQuantity('selection.addon.max')],
    ['accepts 50 external users (one pack)', one('external-users', 50), []],
    ['accepts 100 external users (two packs)', one('external-users', 100), []],
    [
      'refuses 30 external users (not a pack of 50)',
      one('external-users', 30),
      atQuantity('selection.addon.step'),
    ],
    [
      'refuses 75 external users (not a pack of 50)',
      one('external-users', 75),
      atQuantity('selection.addon.step'),
    ],
    ['accepts 5 GB of storage', one('storage', 5), []],
    ['accepts 10 GB of storage', one('storage', 10), []],
    [
      'refuses 7 GB of storage (not a step of 5)',
      one('storage', 7),
      atQuantity('selection.addon.step'),
    ],
    ['accepts quantity 0 as "none"', one('storage', 0), []],
    ['refuses a negative quantity', one('extra-users', -1), atQuantity('selection.addon.integer')],
    [
      'refuses a fractional quantity',
      one('extra-users', 1.5),
      atQuantity('selection.addon.integer'),
    ],
    [
      'refuses a quantity that is not a number',
      one('extra-users', Number.NaN),
      atQuantity('selection.addon.integer'),
    ],
  ]);
});

describe('selection: Certified Platform term and plan', () => {
  table([
    ['accepts 1 year', certified([], 'base', 1), []],
    ['accepts 2 years', certified([], 'base', 2), []],
    ['refuses 0 years', certified([], 'base', 0), [{ path: 'years', code: 'selection.years' }]],
    ['refuses 3 years', certified([], 'base', 3), [{ path: 'years', code: 'selection.years' }]],
    ['refuses 1.5 years', certified([], 'base', 1.5), [{ path: 'years', code: 'selection.years' }]],
    ['accepts the free plan', certified([], 'free'), []],
    [
      'refuses an unknown plan',
      certified([], 'premium'),
      [{ path: 'planId', code: 'selection.plan.unknown' }],
    ],
    [
      'refuses an add-on on the free plan',
      certified([{ id: 'extra-users', quantity: 1 }], 'free'),
      [{ path: 'addons.0.id', code: 'selection.addon.not_on_plan' }],
    ],
    [
      'accepts an add-on with quantity 0 on the free plan',
      certified([{ id: 'storage', quantity: 0 }], 'free'),
      [],
    ],
    [
      'refuses a selection for another product',
      { ...certified([]), productId: 'pec-addons' },
      [{ path: 'productId', code: 'selection.product.unknown' }],
    ],
  ]);
});

describe('selection: add-on lists', () => {
  table([
    [
      'refuses an unknown add-on',
      certified([{ id: 'gold-support', quantity: 1 }]),
      [{ path: 'addons.0.id', code: 'selection.addon.unknown' }],
    ],
    [
      'refuses the same add-on twice, at the second occurrence',
      certified([
        { id: 'storage', quantity: 5 },
        { id: 'storage', quantity: 10 },
      ]),
      [{ path: 'addons.1.id', code: 'selection.addon.duplicate' }],
    ],
    [
      'points at the index of the broken add-on',
      certified([
        { id: 'extra-users', quantity: 2 },
        { id: 'external-users', quantity: 50 },
        { id: 'storage', quantity: 7 },
      ]),
      [{ path: 'addons.2.quantity', code: 'selection.addon.step' }],
    ],
    [
      'reports every broken rule, each at its own path',
      certified(
        [
          { id: 'extra-users', quantity: 15 },
          { id: 'external-users', quantity: 30 },
        ],
        'base',
        3,
      ),
      [
        { path: 'years', code: 'selection.years' },
        { path: 'addons.0.quantity', code: 'selection.addon.max' },
        { path: 'addons.1.quantity', code: 'selection.addon.step' },
      ],
    ],
  ]);
});

describe('selection: PEC add-ons', () => {
  table(
    [
      ['accepts 1 GB of extra space', pec([{ id: 'extra-space', quantity: 1 }]), []],
      ['accepts 37 GB of extra space', pec([{ id: 'extra-space', quantity: 37 }]), []],
      ['accepts conservation 1', pec([{ id: 'conservation', quantity: 1 }]), []],
      [
        'refuses conservation 2 (one 1 GB conservation per mailbox)',
        pec([{ id: 'conservation', quantity: 2 }]),
        atQuantity('selection.addon.max'),
      ],
      [
        'refuses fractional GB',
        pec([{ id: 'extra-space', quantity: 0.5 }]),
        atQuantity('selection.addon.integer'),
      ],
      [
        'refuses 2 years (add-ons renew yearly with the mailbox)',
        pec([{ id: 'extra-space', quantity: 1 }], { years: 2 }),
        [{ path: 'years', code: 'selection.years' }],
      ],
      [
        'needs the mailbox the add-ons attach to',
        pec([{ id: 'extra-space', quantity: 1 }], { subscriptionId: undefined }),
        [{ path: 'subscriptionId', code: 'selection.subscription.required' }],
      ],
      [
        'needs a non-empty mailbox id',
        pec([{ id: 'extra-space', quantity: 1 }], { subscriptionId: '' }),
        [{ path: 'subscriptionId', code: 'selection.subscription.required' }],
      ],
    ],
    pecAddons,
  );

  const selection = pec([{ id: 'extra-space', quantity: 1 }]);
  it('accepts a mailbox that expires after today', () => {
    const context = {
      today: '2026-11-23',
      subscription: { expiresOn: '2026-11-24', creditCents: 0 },
    };
    assert.deepEqual(validateSelection(pecAddons, selection, context), []);
  });

  it('refuses a mailbox that expires today or earlier', () => {
    for (const expiresOn of ['2026-11-23', '2026-01-01']) {
      const context = { today: '2026-11-23', subscription: { expiresOn, creditCents: 0 } };
      assert.deepEqual(validateSelection(pecAddons, selection, context), [
        { path: 'subscriptionId', code: 'selection.subscription.expired' },
      ]);
    }
  });

  it('refuses a mailbox the caller does not own (context without it)', () => {
    assert.deepEqual(validateSelection(pecAddons, selection, { today: '2026-11-23' }), [
      { path: 'subscriptionId', code: 'selection.subscription.unknown' },
    ]);
  });
});
