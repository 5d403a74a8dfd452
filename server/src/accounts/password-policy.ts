// What a new password must be (at registration): at least MIN_PASSWORD_LENGTH characters (the
// rule the widget checks too) and not one of the ~49 000 most common passwords, from the list
// that zxcvbn-ts maintains (@zxcvbn-ts/language-common: leaked-password frequency lists). The
// list is compared without case, and loaded once, on the first registration. One character
// repeated counts as common too.
import { passwordLengthError, type FieldError } from 'cassa/contract';

let common: Promise<ReadonlySet<string>> | undefined;

function commonPasswords(): Promise<ReadonlySet<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())),
  );
  return common;
}

/** The field error a new password gets (`password.short`, `password.common`), or undefined. */
export async function newPasswordError(password: string): Promise<FieldError | undefined> {
  const short = passwordLengthError(password);
  if (short) return { path: 'password', code: short };
  const folded = password.normalize('NFC').trim().toLowerCase();
  // One character repeated (twelve spaces, `aaaaaaaaaaaa`) is as guessable as the list.
  if (/^(.)\1*$/su.test(password) || (await commonPasswords()).has(folded)) {
    return { path: 'password', code: 'password.common' };
  }
  return undefined;
}
