// English: the account step (login, registration); exactly the Italian keys (`satisfies`: a missing or extra key is a compile
// error). Loaded on demand.
import { addMessages } from '../registry.ts';
import type { itAccount } from '../it/account.ts';

export const enAccount = addMessages('en', 'account', {
  'account.login.title': 'Existing customer',
  'account.username': 'Username',
  'account.username.hint': 'For example 1234567@aruba.it',
  'account.username.pec':
    'The full PEC mailbox address, for example mario.rossi@architettitorinopec.it',
  'account.password': 'Password',
  'account.login.submit': 'Log in',
  'account.login.busy': 'Logging in…',
  'account.login.missing': 'Enter your username and password.',
  'account.forgot': 'Forgot your password or username?',
  'account.running.price': '{price} + VAT/year',
  'account.newtab': '(opens in a new tab)',
  'account.new.title': 'New customer?',
  'account.new.action': 'Register',
  'account.register.title': 'Register',
  'account.register.note':
    'As soon as you register you will receive an email confirming it, with your username; after the order, the order confirmation.',
  'account.register.submit': 'Register and continue',
  'account.register.back': 'Already have an account? Log in',
  'account.logged': 'Logged in as {username}.',
  'account.switch': 'Change account',
  'account.again':
    'For your security, log in again to retry or choose another method: the details you entered have been kept.',
} satisfies typeof itAccount);
