// Italian: the summary step (payment and order summary). Registered when imported (with the elements that show them).
import { addMessages } from '../registry.ts';

export const itSummary = addMessages('it', 'summary', {
  'payment.legend': 'Modalità di pagamento',
  'payment.card': 'Carta di credito',
  'payment.card.add': 'Aggiungi una nuova carta',
  'payment.card.saved': 'Carta di credito registrata',
  'payment.card.note':
    'Inserirai i dati della carta nella pagina sicura del gestore dei pagamenti.',
  'payment.paypal': 'PayPal',
  'payment.paypal.add': 'Collega un nuovo account PayPal',
  'payment.paypal.saved': 'Account PayPal registrato',
  'payment.paypal.note':
    'Accederai a PayPal, nella sua pagina sicura, per autorizzare il pagamento.',
  'payment.credit': 'Credito disponibile',
  'payment.credit.note': 'Paghi con il credito prepagato del tuo account.',
  'payment.others': 'Altre modalità di pagamento',
  'payment.bank_transfer': 'Bonifico',
  'payment.postal_slip': 'Bollettino postale',
  'payment.deferred.note':
    'Il pagamento non è immediato: l’ordine resta in attesa finché non riceviamo il pagamento. Ti inviamo per email le istruzioni, con il numero d’ordine da indicare nella causale.',
  'payment.autorenew':
    'Pagando con carta di credito o PayPal si attiva il rinnovo automatico, addebitato 7 giorni prima della scadenza successiva.',
  'payment.topup': 'Ricarica del credito in euro',
  'payment.topup.min':
    'Minimo {min}: un anno dei servizi scelti, IVA inclusa, meno il credito già presente.',
  'summary.years': 'Durata',
  'summary.year': '1 anno',
  'summary.years.n': '{n} anni',
  'summary.taxable': 'Imponibile',
  'summary.vat': 'IVA {rate}%',
  'summary.total': 'Totale da pagare ora',
  'summary.total.credit': 'Totale da pagare ora con il credito',
  'summary.charge.card': 'Addebito ora sulla carta (ricarica del credito)',
  'summary.charge.paypal': 'Addebito ora su PayPal (ricarica del credito)',
  'summary.from.credit': 'Pagato ora con il credito',
  'summary.credit.after': 'Credito residuo dopo l’ordine',
  'summary.line.gb': '{name}: {n} GB',
  'summary.plan.free': 'Versione gratuita',
  'summary.renewal.manual':
    'Scadenza: {date}. Con questo metodo il servizio non si rinnova automaticamente: per rinnovarlo pagherai {amount} prima della scadenza.',
  'summary.vat.included': 'IVA inclusa',
  'summary.renewal.split': '(imponibile, scissione dei pagamenti)',
  'summary.pending': 'Calcolo del prezzo in corso…',
  'summary.updating': 'Aggiornamento del prezzo in corso',
  'summary.announce': 'Nuovo totale da pagare ora: {total}',
  'summary.renewal':
    'Scadenza: {date}. Rinnovo: {amount}; con il rinnovo automatico, addebito in data {charge}.',
  'summary.free': 'Gratis fino alla scadenza della casella: {date}',
  'summary.coterm': 'Importo per il periodo fino alla scadenza della casella: {date}.',
  'summary.service.free': 'Gratis fino alla scadenza del servizio: {date}',
  'summary.service': 'Importo per i mesi fino alla scadenza del servizio: {date}.',
  'summary.coterm.renewal':
    'Alla scadenza ({date}) il servizio si rinnova per un anno a {amount} IVA inclusa. Se il credito o la carta non coprono l’importo, il servizio viene disattivato.',
  'summary.terms': 'Accetto le',
  'summary.terms.link': 'condizioni generali di contratto',
  'summary.newtab': '(si apre in una nuova scheda)',
  'summary.confirm': 'Conferma e completa l’ordine',
  'summary.busy': 'Elaborazione…',
  'summary.split.invoice': 'Totale fattura',
  'summary.split.vat': 'IVA versata dall’ente all’Erario',
  'summary.split.payable': 'Da pagare ora (imponibile)',
  'summary.split.note': 'Scissione dei pagamenti (art. 17-ter DPR 633/72).',
  'checkout.confirm.free': 'Conferma e attiva',
  'checkout.free.note': 'La versione gratuita si attiva senza pagamento.',
  'step.summary.free': 'Riepilogo',
});
