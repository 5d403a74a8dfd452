// The include's script (a file, not inline, so a strict CSP needs nothing extra): show the order
// when `cassa-order-complete` fires, and open the checkout in a dialog with `Cassa.open`.
const result = document.getElementById('order-result');
const buy = document.getElementById('cassa-buy-in-dialog');
const describe = (order) => `Ordine ${order.number} completato (${order.status})`;

document.addEventListener('cassa-order-complete', (event) => {
  result.textContent = describe(event.detail.order);
});

buy.addEventListener('click', async () => {
  try {
    const order = await window.Cassa.open({
      backend: buy.dataset.backend,
      product: 'certified-platform',
      plan: 'base',
    });
    result.textContent = describe(order);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      result.textContent = 'Acquisto annullato';
    } else {
      throw error;
    }
  }
});
