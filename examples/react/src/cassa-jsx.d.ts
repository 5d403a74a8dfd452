// <cassa-checkout> in React 19's JSX: its attributes, and its events as `on<event-name>` props.
// React 19 sets a custom element's known properties as properties and adds a listener for every
// `on…` function prop, named by what follows `on` (`oncassa-order-complete` → `cassa-order-complete`).
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  CassaCheckout,
  CassaErrorEvent,
  CassaOrderCompleteEvent,
  CassaReadyEvent,
  CassaStepChangeEvent,
} from 'cassa';

interface CassaCheckoutProps extends DetailedHTMLProps<
  HTMLAttributes<CassaCheckout>,
  CassaCheckout
> {
  backend: string;
  product: string;
  locale?: 'it' | 'en';
  plan?: string;
  subscription?: string;
  'session-token'?: string;
  'oncassa-ready'?: (event: CassaReadyEvent) => void;
  'oncassa-step-change'?: (event: CassaStepChangeEvent) => void;
  'oncassa-order-complete'?: (event: CassaOrderCompleteEvent) => void;
  'oncassa-error'?: (event: CassaErrorEvent) => void;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'cassa-checkout': CassaCheckoutProps;
    }
  }
}
