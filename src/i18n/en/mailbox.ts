// English: the PEC mailbox step; exactly the Italian keys (`satisfies`: a missing or extra key is a compile
// error). Loaded on demand.
import { addMessages } from '../registry.ts';
import type { itMailbox } from '../it/mailbox.ts';

export const enMailbox = addMessages('en', 'mailbox', {
  'mailbox.legend': 'Your PEC mailboxes',
  'mailbox.expires': 'Expires on {date}',
  'mailbox.none': 'This account has no PEC mailboxes.',
  'mailbox.credit': 'Available credit: {amount}',
  'field.selection.subscription.required': 'Choose the mailbox to add the services to.',
  'field.selection.subscription.unknown': 'Mailbox not found.',
  'field.selection.subscription.expired':
    'This mailbox has expired: renew it before adding services.',
} satisfies typeof itMailbox);
