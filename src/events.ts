// The public events of <cassa-checkout> (DESIGN.md 3.2): bubbling, composed, typed for listeners.
import type { Order } from './api/schemas.ts';
import type { ErrorCode } from './domain/errors.ts';
import type { StepId } from './state/steps.ts';

/** The order as integrators receive it in `cassa-order-complete`. */
export type CompletedOrder = Pick<
  Order,
  | 'id'
  | 'number'
  | 'paymentMethod'
  | 'totalCents'
  | 'currency'
  | 'productId'
  | 'planId'
  | 'addons'
  | 'years'
  | 'autoRenew'
> & { status: 'paid' | 'awaiting_payment' | 'active' };

const init = <T>(detail: T): CustomEventInit<T> => ({ detail, bubbles: true, composed: true });

/** `cassa-ready`: the catalog is loaded and the first step is shown. */
export class CassaReadyEvent extends CustomEvent<{ product: string }> {
  constructor(product: string) {
    super('cassa-ready', init({ product }));
  }
}

/** `cassa-step-change`: the buyer moved to another step. */
export class CassaStepChangeEvent extends CustomEvent<{ step: StepId; previous: StepId }> {
  constructor(step: StepId, previous: StepId) {
    super('cassa-step-change', init({ step, previous }));
  }
}

/** The fields an integrator gets of an order (DESIGN 3.2): these only, never the rest of it. */
const COMPLETED_FIELDS = [
  'id',
  'number',
  'status',
  'paymentMethod',
  'totalCents',
  'currency',
  'productId',
  'planId',
  'addons',
  'years',
  'autoRenew',
] as const satisfies readonly (keyof CompletedOrder)[];

/** What an integrator gets of an order. */
export function completedOrder(order: Order): CompletedOrder {
  return Object.fromEntries(COMPLETED_FIELDS.map((key) => [key, order[key]])) as CompletedOrder;
}

/** `cassa-order-complete`: fired once per order (paid, active, or awaiting a bank/postal payment). */
export class CassaOrderCompleteEvent extends CustomEvent<{ order: CompletedOrder }> {
  constructor(order: Order) {
    super('cassa-order-complete', init({ order: completedOrder(order) }));
  }
}

/** `cassa-error`: an error shown to the buyer; `message` is the text they see. */
export class CassaErrorEvent extends CustomEvent<{
  code: ErrorCode;
  message: string;
  retryable: boolean;
}> {
  constructor(code: ErrorCode, message: string, retryable: boolean) {
    super('cassa-error', init({ code, message, retryable }));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cassa-ready': CassaReadyEvent;
    'cassa-step-change': CassaStepChangeEvent;
    'cassa-order-complete': CassaOrderCompleteEvent;
    'cassa-error': CassaErrorEvent;
  }
}
