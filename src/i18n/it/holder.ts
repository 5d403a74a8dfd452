// Italian: the holder form. Registered when imported (with the elements that show them).
import { addMessages } from '../registry.ts';

export const itHolder = addMessages('it', 'holder', {
  'warning.email.looks_pec':
    'Sembra una casella PEC: potrebbe non ricevere l’email di attivazione.',
  'holder.type': 'Intestatario',
  'holder.type.company': 'Azienda o ente',
  'holder.type.professional': 'Professionista o ditta individuale con Partita IVA',
  'holder.name.company': 'Ragione sociale',
  'holder.name.person': 'Nome e cognome',
  'holder.vatNumber': 'Partita IVA',
  'holder.taxCode': 'Codice Fiscale',
  'holder.street': 'Indirizzo',
  'holder.postalCode': 'CAP',
  'holder.city': 'Città',
  'holder.province': 'Provincia',
  'holder.country': 'Paese',
  'holder.country.it': 'Italia',
  'holder.email': 'Email',
  'holder.email.hint': 'Una casella di posta ordinaria: qui riceverai l’email di attivazione.',
  'holder.einvoice': 'Dove ricevere la fattura elettronica',
  'holder.eInvoiceKind.sdi': 'Codice Destinatario',
  'holder.eInvoiceKind.pec': 'PEC',
  'holder.sdiCode': 'Codice Destinatario',
  'holder.sdiCode.hint':
    'Aziende e professionisti: 7 caratteri, dal software di fatturazione. Pubblica Amministrazione: Codice Univoco Ufficio, 6 caratteri.',
  'holder.pec': 'Indirizzo PEC per la fattura',
  'holder.password': 'Password',
  'holder.password.hint': 'Almeno 12 caratteri, non una password comune.',
  'holder.submit': 'Prosegui',
  'holder.busy': 'Invio in corso…',
  'holder.pa.note': 'Pubblica Amministrazione: fattura FPA12, scissione dei pagamenti.',
  'holder.cig': 'CIG (facoltativo)',
  'holder.cig.hint': '10 caratteri, se previsto.',
  'holder.cup': 'CUP (facoltativo)',
  'holder.cup.hint': '15 caratteri, se previsto.',
  'account.registered':
    'Registrazione completata. Il tuo username è {username}: usalo per accedere (te lo abbiamo inviato anche per email).',
});
