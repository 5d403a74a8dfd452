// Italian: the result screen. Registered when imported (with the elements that show them).
import { addMessages } from '../registry.ts';

export const itResult = addMessages('it', 'result', {
  'result.number': 'Numero d’ordine: {number}',
  'result.repeated':
    'Avevi già confermato questo stesso ordine pochi minuti fa: è quell’ordine, senza un nuovo addebito.',
  'result.bought': 'Hai acquistato',
  'result.plan': '{name}, 1 anno',
  'result.plan.years': '{name}, {years} anni',
  'result.addon': '{name}: {quantity}',
  'result.addon.gb': '{name}: {quantity} GB',
  'result.total': 'Totale: {amount}',
  'result.total.due': 'Importo da pagare: {amount}',
  'result.split':
    'Scissione dei pagamenti (art. 17-ter DPR 633/72): l’importo è l’imponibile, l’IVA la versa l’ente all’Erario.',
  'result.topup': 'Ricarica del credito: {amount}',
  'result.charged.card': 'Ricarica del credito: {amount}, addebitata sulla carta.',
  'result.charged.paypal': 'Ricarica del credito: {amount}, addebitata su PayPal.',
  'result.from.credit': 'Pagato con il credito: {amount}.',
  'result.credit.after': 'Credito residuo: {amount}.',
  'result.free.until': 'Gratis fino al {date}: alla scadenza della casella il servizio si rinnova.',
  'result.renewal.auto': 'Rinnovo automatico attivo: il prossimo addebito sarà il {date}.',
  'result.renewal.manual': 'Con questo metodo il servizio non si rinnova automaticamente.',
  'result.emailed': 'Ti abbiamo inviato un’email di conferma dell’ordine.',
  'result.instructions.bank': 'Come pagare con bonifico',
  'result.instructions.postal': 'Come pagare con bollettino postale',
  'result.beneficiary': 'Beneficiario',
  'result.iban': 'IBAN',
  'result.postal.account': 'Conto corrente postale',
  'result.amount': 'Importo',
  'result.reference': 'Causale',
  'result.copy': 'Copia',
  'result.copy.iban': 'Copia IBAN',
  'result.copy.account': 'Copia numero di conto',
  'result.copied': 'Copiato',
  'result.instructions.emailed':
    'Ti abbiamo inviato queste istruzioni anche via email, con il numero d’ordine da indicare nella causale.',
  'result.refused.text':
    'Non è stato addebitato nulla: la tua selezione e i dati inseriti restano.',
  'result.refused.action': 'Scegli un altro metodo di pagamento',
  'result.title.paid': 'Ordine confermato',
  'result.title.active': 'Servizio attivato',
  'result.title.awaiting_payment': 'Ordine in attesa di pagamento',
  'result.title.pending_payment': 'Pagamento in corso',
  'result.title.refused': 'Pagamento non riuscito',
  'result.title.cancelled': 'Pagamento annullato',
});
