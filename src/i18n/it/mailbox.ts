// Italian: the PEC mailbox step. Registered when imported (with the elements that show them).
import { addMessages } from '../registry.ts';

export const itMailbox = addMessages('it', 'mailbox', {
  'mailbox.legend': 'Le tue caselle PEC',
  'mailbox.expires': 'Scade il {date}',
  'mailbox.none': 'Non risultano caselle PEC su questo account.',
  'mailbox.credit': 'Credito disponibile: {amount}',
});
