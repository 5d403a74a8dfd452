// Product page: the pricing buttons open the checkout in a modal dialog (overlay mode) and the
// page shows what happened. External module script, text only.
const result = document.getElementById('overlay-result');
const backend = new URL('/api', location.href).href;
const PLAN_KEY = 'demo-product-plan';

function show(text, kind) {
  const message = document.createElement('p');
  message.className = `result-${kind}`;
  message.textContent = text;
  result.replaceChildren(message);
}

async function buy(plan) {
  sessionStorage.setItem(PLAN_KEY, plan);
  try {
    const order = await window.Cassa.open({ backend, product: 'certified-platform', plan });
    // A bank transfer or postal slip completes the checkout, not the payment.
    if (order.status === 'awaiting_payment') {
      show(`Ordine ${order.number} in attesa di pagamento: istruzioni inviate per email`, 'done');
    } else show(`Ordine ${order.number} completato`, 'done');
  } catch (error) {
    if (error?.name === 'AbortError') show('Acquisto annullato', 'cancelled');
    else if (error?.name === 'NetworkError')
      show('Il checkout non si è caricato: controlla la connessione e riprova', 'cancelled');
    else throw error;
  }
}

for (const button of document.querySelectorAll('button[data-plan]')) {
  button.addEventListener('click', () => buy(button.dataset.plan));
  // The buyer is about to click: fetch the checkout's files now (once; later calls are free).
  for (const type of ['pointerenter', 'focus'])
    button.addEventListener(type, () => void window.Cassa.preload().catch(() => {}), {
      once: true,
    });
}

// Back from the payment provider's page (new card or PayPal): open the checkout again so it
// resumes the order and the promise resolves on this page.
if (new URLSearchParams(location.search).has('cassa_order')) {
  buy(sessionStorage.getItem(PLAN_KEY) ?? 'base');
}
