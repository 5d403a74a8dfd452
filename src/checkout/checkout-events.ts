// <cassa-checkout>'s events for the host page: the store's `step`, `error` and `complete` (and a
// step's file that could not be loaded) go out as `cassa-step-change`, `cassa-error` and
// `cassa-order-complete`, each once the element has rendered what it tells and never before
// `cassa-ready`; a new step's heading takes the focus, an error next to Confirm comes into view.
import { CassaErrorEvent, CassaOrderCompleteEvent, CassaStepChangeEvent } from '../events.ts';
import type { FrameStatus } from './frame-status.ts';
import type { StoreHandlers } from './store-controller.ts';

/** The element: its rendering, and where its events go. */
export interface EventsHost extends HTMLElement {
  readonly updateComplete: Promise<boolean>;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** What the events need of the element's views. */
export interface EventsView {
  /** `cassa-ready` went out (nothing when it is still to come). */
  sent(): Promise<void> | undefined;
  /** Where the focus goes on a new step. */
  heading(): HTMLElement | undefined;
}

/** `send` dispatches an event once rendered; `handlers` relay the store's events. */
export function checkoutEvents(
  host: EventsHost,
  view: EventsView,
  status: Pick<FrameStatus, 'errorText'>,
) {
  const after = async (action: () => void) => {
    await host.updateComplete;
    await view.sent();
    action();
  };
  const send = (event: Event) => void after(() => host.dispatchEvent(event));
  const handlers: Omit<StoreHandlers, 'ready'> = {
    step: ({ detail: { step, previous } }) =>
      void after(() => {
        view.heading()?.focus();
        host.dispatchEvent(new CassaStepChangeEvent(step, previous));
      }),
    error: ({ detail: { code, retryable, context } }) => {
      const error = new CassaErrorEvent(code, status.errorText(code, context), retryable);
      // Once shown, and never before cassa-ready (back from the payment page, both come at once).
      void after(() => {
        host.dispatchEvent(error);
        // Next to Confirm (the summary's slot has it only there): in view, with the focus (on
        // Riprova when there is one).
        const banner = host.renderRoot.querySelector<HTMLElement>('cassa-checkout-error[slot]');
        banner?.scrollIntoView({ block: 'center' });
        banner?.focus({ preventScroll: true });
      });
    },
    complete: ({ detail: { order } }) => send(new CassaOrderCompleteEvent(order)),
  };
  return { send, handlers };
}
