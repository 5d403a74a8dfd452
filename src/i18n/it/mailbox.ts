// Italian: the PEC mailbox step. Registered when imported (with the elements that show them).
import { addMessages } from '../registry.ts';

export const itMailbox = addMessages('it', 'mailbox', {
  'mailbox.legend': 'Le tue caselle PEC',
  'mailbox.expires': 'Scade il {date}',
  'mailbox.none': 'Non risultano caselle PEC su questo account.',
  'mailbox.credit': 'Credito disponibile: {amount}',
  'field.selection.subscription.required': 'Scegli la casella a cui aggiungere i servizi.',
  'field.selection.subscription.unknown': 'Casella non trovata.',
  'field.selection.subscription.expired':
    'La casella è scaduta: rinnovala prima di aggiungere servizi.',
});
