// The seller (CedentePrestatore): on every invoice, and the payee of bank transfers and postal
// slips. Configuration, not code: CASSA_SELLER names a JSON file of this shape, checked at start
// (the demo passes its own demo seller when the variable is unset).
import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import {
  checkCap,
  checkCodiceFiscale,
  checkEmail,
  checkPartitaIva,
  checkProvince,
} from 'cassa/contract';

/** Regimi fiscali of the FatturaPA schema a seller may declare (RF01: ordinario). */
const REGIMI = [
  'RF01', 'RF02', 'RF04', 'RF05', 'RF06', 'RF07', 'RF08', 'RF09', 'RF10', 'RF11', 'RF12',
  'RF13', 'RF14', 'RF15', 'RF16', 'RF17', 'RF18', 'RF19',
] as const; // prettier-ignore

const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

export const SellerSchema = z.object({
  name: text(80),
  vatNumber: z.string().check(z.refine((v) => checkPartitaIva(v).ok, 'invalid Partita IVA')),
  taxCode: z.optional(
    z.string().check(z.refine((v) => checkCodiceFiscale(v).ok, 'invalid codice fiscale')),
  ),
  regimeFiscale: z.enum(REGIMI),
  address: z.object({
    street: text(60),
    streetNumber: z.optional(text(8)),
    postalCode: z.string().check(z.refine((v) => checkCap(v).ok, 'invalid CAP')),
    city: text(60),
    province: z.string().check(z.refine((v) => checkProvince(v).ok, 'invalid province')),
    country: z.literal('IT'),
  }),
  /**
   * Paid into by bank transfer: in the buyer's payment instructions and the invoice's
   * DatiPagamento. Without it, bank-transfer orders are not taken.
   */
  iban: z.optional(z.string().check(z.regex(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/))),
  /** Conto corrente postale paid into by postal slip; without it, postal-slip orders are not taken. */
  postalAccount: z.optional(z.string().check(z.regex(/^\d{6,12}$/))),
  /** The account holder named in the payment instructions (default: `name`). */
  beneficiary: z.optional(text(80)),
  /** Where the buyer's questions go (shown on the HTML copy only). */
  email: z.optional(z.string().check(z.refine((v) => checkEmail(v).ok, 'invalid email'))),
});

export type Seller = z.infer<typeof SellerSchema>;

/** The seller of a JSON file (CASSA_SELLER); throws with the first bad field. */
export function loadSellerFile(path: string): Seller {
  const parsed = SellerSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`field ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
