// The seller on every invoice (CedentePrestatore): configuration, not code. The demo seller is
// used unless CASSA_SELLER names a JSON file of the same shape, checked at start.
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
  /** Paid into by bank transfer: printed in DatiPagamento. */
  iban: z.optional(z.string().check(z.regex(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/))),
  /** Where the buyer's questions go (shown on the HTML copy only). */
  email: z.optional(z.string().check(z.refine((v) => checkEmail(v).ok, 'invalid email'))),
});

export type Seller = z.infer<typeof SellerSchema>;

/** Cassa Demo S.r.l.: demo data (its Partita IVA has a valid check digit but is nobody's). */
export const DEMO_SELLER: Seller = {
  name: 'Cassa Demo S.r.l.',
  vatNumber: '12345678903',
  taxCode: '12345678903',
  regimeFiscale: 'RF01',
  address: {
    street: 'Via Roma',
    streetNumber: '1',
    postalCode: '10121',
    city: 'Torino',
    province: 'TO',
    country: 'IT',
  },
  iban: 'IT60X0542811101000000123456',
  email: 'fatture@cassa-demo.example',
};

/** The seller of `CASSA_SELLER` (a JSON file), or the demo seller; throws with the bad field. */
export function loadSeller(path: string | undefined): Seller {
  if (!path) return DEMO_SELLER;
  const parsed = SellerSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`field ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
