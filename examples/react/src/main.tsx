// Cassa in a React 19 app: the inline checkout with a typed order-complete listener, and a
// "Buy" button that opens the same checkout in a dialog with `open` from `cassa/overlay`.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'cassa'; // registers <cassa-checkout> (guarded: importing it twice is harmless)
import type { CassaOrderCompleteEvent, CompletedOrder } from 'cassa';
import { open } from 'cassa/overlay';

const BACKEND = import.meta.env.VITE_CASSA_BACKEND ?? 'http://localhost:8080/api';

function describe(order: CompletedOrder): string {
  return `Ordine ${order.number} completato (${order.status})`;
}

function App() {
  const [message, setMessage] = useState('');

  const onOrderComplete = (event: CassaOrderCompleteEvent) =>
    setMessage(describe(event.detail.order));

  async function buyInDialog() {
    try {
      setMessage(
        describe(await open({ backend: BACKEND, product: 'certified-platform', plan: 'base' })),
      );
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError')
        setMessage('Acquisto annullato');
      else throw error;
    }
  }

  return (
    <main>
      <h1>Certified Platform</h1>
      <button type="button" onClick={buyInDialog}>
        Acquista in una finestra
      </button>
      <p role="status" id="order-result">
        {message}
      </p>
      <cassa-checkout
        backend={BACKEND}
        product="certified-platform"
        oncassa-order-complete={onOrderComplete}
      />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
