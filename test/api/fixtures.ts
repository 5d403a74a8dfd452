// Contract-shaped bodies a well-behaved backend answers with.
import { readFileSync } from 'node:fs';
import type { Product } from '../../src/domain/catalog.ts';
import type { Holder, Quote } from '../../src/domain/types.ts';
import type { Order, OrderRequest, QuoteRequest } from '../../src/api/schemas.ts';

const catalog = JSON.parse(
  readFileSync(new URL('../../demo/catalog.json', import.meta.url), 'utf8'),
) as {
  products: Product[];
};
export const certifiedPlatform = catalog.products.find((p) => p.id === 'certified-platform')!;

export const quoteRequest: QuoteRequest = {
  productId: 'certified-platform',
  planId: 'base',
  years: 1,
  addons: [{ id: 'extra-users', quantity: 2 }],
};

/** Base plan €120 + 2 extra users €24, one year. */
export const quote: Quote = {
  currency: 'EUR',
  lines: [
    { id: 'base', label: 'Versione base', quantity: 1, unitCents: 12000, amountCents: 12000 },
    {
      id: 'extra-users',
      label: 'Utenti aggiuntivi',
      quantity: 2,
      unitCents: 1200,
      amountCents: 2400,
    },
  ],
  taxableCents: 14400,
  vatRateBasisPoints: 2200,
  vatCents: 3168,
  totalCents: 17568,
  freeUntil: null,
  renewal: { date: '2027-11-23', chargeDate: '2027-11-16', totalCents: 17568 },
  minimumTopUpCents: null,
  creditCents: null,
};

export const holder: Holder = {
  type: 'company',
  name: 'Rossi Costruzioni S.r.l.',
  vatNumber: '01234567897',
  taxCode: '01234567897',
  address: {
    street: 'Via Roma 1',
    postalCode: '10121',
    city: 'Torino',
    province: 'TO',
    country: 'IT',
  },
  email: 'amministrazione@rossicostruzioni.it',
  eInvoice: { sdiCode: 'M5UXCR1' },
};

export const customer = { id: 'cus_1', username: '1234567@aruba.it', holder };

export const orderRequest: OrderRequest = {
  ...quoteRequest,
  expectedTotalCents: 17568,
  paymentMethod: { type: 'bank_transfer' },
  acceptTerms: true,
};

export const order: Order = {
  id: 'ord_1',
  number: 'C-2026-000123',
  status: 'awaiting_payment',
  totalCents: 17568,
  currency: 'EUR',
  productId: 'certified-platform',
  planId: 'base',
  addons: [{ id: 'extra-users', quantity: 2 }],
  years: 1,
  paymentMethod: 'bank_transfer',
  autoRenew: false,
  instructions: {
    method: 'bank_transfer',
    beneficiary: 'Cassa Demo S.p.A.',
    account: 'IT60X0542811101000000123456',
    amountCents: 17568,
    currency: 'EUR',
    reference: 'Ordine C-2026-000123',
  },
};
