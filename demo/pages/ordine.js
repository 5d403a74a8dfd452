// Ordine member portal: tells the member, in the portal itself, when an add-on has been bought.
// External module script, text only: no inline script or style on the page.
const notice = document.getElementById('portal-notice');

document.addEventListener('cassa-order-complete', (event) => {
  const { order } = event.detail;
  const message = document.createElement('p');
  message.className = 'portal-notice';
  message.textContent = `Ordine ${order.number} registrato: i servizi aggiuntivi sono attivi sulla casella.`;
  notice.replaceChildren(message);
});
