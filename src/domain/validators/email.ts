// Email syntax (pragmatic, not RFC 5322) and the "this looks like a PEC mailbox" hint.
import type { Check } from '../types.ts';

/** RFC 5321: a forward path is at most 256 octets including the angle brackets. */
const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;

/** Printable, no whitespace, no `@`; dots only between other characters. */
const LOCAL_PART = /^[^\s@.]+(?:\.[^\s@.]+)*$/u;
/** Letters (any script, for IDN), digits and inner hyphens. */
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const TOP_LEVEL_DOMAIN = /^(?:\p{L}{2,}|xn--[a-z0-9-]+)$/iu;

/**
 * Domains of certified-mail (PEC) providers that do not say `pec` in their name. A PEC
 * address is any address at one of them or at a subdomain (`cert.legalmail.it`).
 */
export const KNOWN_PEC_DOMAINS = ['legalmail.it', 'postecert.it', 'sicurezzapostale.it'] as const;

/** Labels that PEC providers and public bodies use for their certified-mail subdomains. */
const PEC_LABELS: ReadonlySet<string> = new Set(['pec', 'cert', 'postacert', 'postacertificata']);

/**
 * An atom of the FatturaPA 1.2.2 `EmailType` pattern: printable ASCII letters, digits and
 * ``! # $ % & ' * + / = ? ^ _ ` { | } ~ -`` (RFC 5322 `atext`). No accents, no parentheses.
 */
const FATTURAPA_ATOM = "[!#-'*+/-9=?A-Z^-~-]+";
const FATTURAPA_DOT_ATOM = `${FATTURAPA_ATOM}(?:\\.${FATTURAPA_ATOM})*`;
/**
 * The part of `EmailType` (Schema_del_file_xml_FatturaPA_v1.2.2.xsd) that Cassa accepts:
 * dot-atom `@` dot-atom, at most 256 characters. The schema also allows a quoted local part and a
 * `[…]` domain literal, which `checkEmail` never accepted; 1.2.1 took any string, 1.2.2 does not.
 */
const FATTURAPA_EMAIL = new RegExp(`^${FATTURAPA_DOT_ATOM}@${FATTURAPA_DOT_ATOM}$`);
const FATTURAPA_EMAIL_MAX_LENGTH = 256;

/**
 * Whether an address (trimmed) is in the form the FatturaPA 1.2.2 schema's `EmailType` accepts:
 * `studio.nandù@pec.it` (an accent) or `rossi(studio)@pec.it` (a comment) are not, so an invoice
 * carrying them would be refused by SDI. Apply after `checkEmail`.
 */
export function isFatturaPaEmail(value: string): boolean {
  const email = value.trim();
  return email.length <= FATTURAPA_EMAIL_MAX_LENGTH && FATTURAPA_EMAIL.test(email);
}

/** `required` or `email.format`: one `@`, a local part, a domain with a dot, no spaces. */
export function checkEmail(value: string): Check {
  const email = value.trim();
  if (email === '') return { ok: false, code: 'required' };
  if (email.length > MAX_EMAIL_LENGTH) return { ok: false, code: 'email.format' };
  const parts = email.split('@');
  if (parts.length !== 2) return { ok: false, code: 'email.format' };
  const [localPart = '', domain = ''] = parts;
  if (localPart.length > MAX_LOCAL_PART_LENGTH || !LOCAL_PART.test(localPart)) {
    return { ok: false, code: 'email.format' };
  }
  const labels = domain.split('.');
  const topLevel = labels[labels.length - 1] ?? '';
  if (
    labels.length < 2 ||
    !labels.every((label) => DOMAIN_LABEL.test(label)) ||
    !TOP_LEVEL_DOMAIN.test(topLevel)
  ) {
    return { ok: false, code: 'email.format' };
  }
  return { ok: true };
}

/** A label (or a hyphen-separated piece of one) that starts or ends with `pec`. */
function isPecLabel(label: string): boolean {
  if (PEC_LABELS.has(label)) return true;
  // Prefix or suffix rather than any substring: `arubapec`, `pecimprese`, `architettitorinopec`
  // are PEC providers, while `respect`, `specchi`, `inspector` are ordinary domains.
  return label
    .split('-')
    .some(
      (piece) => piece.startsWith('pec') || piece.endsWith('pec') || piece.startsWith('postacert'),
    );
}

/**
 * Whether an address looks like a PEC (certified) mailbox, judged from its domain only: a PEC
 * mailbox does not receive ordinary email by default, so the form warns (DESIGN.md 1.1).
 * Never a reason to reject: it is a hint, and may be wrong either way.
 */
export function looksLikePec(email: string): boolean {
  const at = email.lastIndexOf('@');
  if (at < 0) return false;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase()
    .replace(/\.$/, '');
  if (domain === '') return false;
  if (KNOWN_PEC_DOMAINS.some((known) => domain === known || domain.endsWith(`.${known}`))) {
    return true;
  }
  return domain.split('.').some(isPecLabel);
}
