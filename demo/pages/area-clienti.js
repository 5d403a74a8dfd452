// The customer area demo page: the language switch, and what the page hears from the area.
// External module script, text only: no inline script or style on the page.
const area = document.querySelector('cassa-account');
const notice = document.getElementById('notice');
const language = document.getElementById('lingua');

language.addEventListener('change', () => {
  area.setAttribute('locale', language.value);
  document.documentElement.lang = language.value;
});

const said = {
  'auto-renew': (c) =>
    `Rinnovo automatico ${c.subscription.autoRenew ? 'attivato' : 'disattivato'} per ${c.subscription.label}.`,
  'renewal-method': (c) => `Metodo di rinnovo cambiato per ${c.subscription.label}.`,
  'payment-method-removed': () => 'Metodo di pagamento rimosso.',
  'top-up-started': () => 'Ricarica: prosegui sulla pagina di pagamento.',
  'payment-method-add-started': () => 'Nuovo metodo: prosegui sulla pagina del fornitore.',
};

document.addEventListener('cassa-account-change', (event) => {
  const message = document.createElement('p');
  message.textContent = said[event.detail.kind]?.(event.detail) ?? '';
  notice.replaceChildren(message);
});
