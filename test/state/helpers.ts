// Building a store the way <cassa-checkout> does, with a fake client and a fake page.
import { CheckoutStore, type CheckoutStoreOptions } from '../../src/state/checkout-store.ts';
import type { Order } from '../../src/api/schemas.ts';
import type { StepChangeDetail, StoreErrorDetail } from '../../src/state/checkout-store.ts';
import { FakeClient, FakePage, until } from './fake-client.ts';

export interface Harness {
  store: CheckoutStore;
  client: FakeClient;
  page: FakePage;
  steps: StepChangeDetail[];
  errors: StoreErrorDetail[];
  completed: Order[];
  /** Every store event but `change`, in the order it fired (from before `start()`). */
  events: string[];
}

export async function startStore(
  options: Partial<Omit<CheckoutStoreOptions, 'env' | 'client'>> & {
    client?: FakeClient;
    page?: FakePage;
  } = {},
): Promise<Harness> {
  const client = options.client ?? new FakeClient();
  const page = options.page ?? new FakePage();
  const store = new CheckoutStore({
    productId: 'certified-platform',
    quoteDelayMs: 1,
    ...options,
    client,
    env: page,
  });
  const harness: Harness = {
    store,
    client,
    page,
    steps: [],
    errors: [],
    completed: [],
    events: [],
  };
  for (const type of ['ready', 'step', 'error', 'complete'])
    store.addEventListener(type, () => harness.events.push(type));
  store.addEventListener('step', (e) =>
    harness.steps.push((e as CustomEvent<StepChangeDetail>).detail),
  );
  store.addEventListener('error', (e) =>
    harness.errors.push((e as CustomEvent<StoreErrorDetail>).detail),
  );
  store.addEventListener('complete', (e) =>
    harness.completed.push((e as CustomEvent<{ order: Order }>).detail.order),
  );
  await store.start();
  return harness;
}

/** Waits until no quote is pending. */
export const quoted = (store: CheckoutStore) =>
  until(() => !store.state.quoteLoading && store.state.quote !== null);

export const validHolder = {
  type: 'company' as const,
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
  email: 'amministrazione@example.com',
  eInvoice: { sdiCode: 'ABC1234' },
};

/** Certified Platform base with 2 extra users, logged in as the company, on the summary step. */
export async function toSummary(
  h: Harness,
  payment = { type: 'card' as const, savedId: 'pm-card' },
) {
  const { store } = h;
  store.selectPlan('base');
  store.next();
  store.setQuantities({ 'extra-users': 2 });
  store.next();
  await store.login('1234567@aruba.it', 'cassa-demo');
  store.submitHolder(validHolder);
  await quoted(store);
  store.setPayment(payment);
  store.setTermsAccepted(true);
}
