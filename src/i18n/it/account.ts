// Italian: the account step (login, registration). Registered when imported (with the elements that show them).
import { addMessages } from '../registry.ts';

export const itAccount = addMessages('it', 'account', {
  'account.login.title': 'Cliente già registrato',
  'account.username': 'Username',
  'account.username.hint': 'Ad esempio 1234567@aruba.it',
  'account.username.pec':
    'L’indirizzo completo della casella PEC, ad esempio mario.rossi@architettitorinopec.it',
  'account.password': 'Password',
  'account.login.submit': 'Accedi',
  'account.login.busy': 'Accesso in corso…',
  'account.login.missing': 'Inserisci username e password.',
  'account.forgot': 'Hai dimenticato la password o lo username?',
  'account.running.price': '{price} + IVA/anno',
  'account.newtab': '(si apre in una nuova scheda)',
  'account.new.title': 'Nuovo cliente?',
  'account.new.action': 'Registrati',
  'account.register.title': 'Registrati',
  'account.register.note':
    'Appena registrato riceverai via email la conferma dell’iscrizione con il tuo username; dopo l’ordine, la conferma dell’ordine.',
  'account.register.submit': 'Registrati e prosegui',
  'account.register.back': 'Hai già un account? Accedi',
  'account.logged': 'Accesso effettuato come {username}.',
  'account.switch': 'Cambia account',
  'account.again':
    'Per sicurezza accedi di nuovo per riprovare o scegliere un altro metodo: i dati inseriti sono stati conservati.',
});
