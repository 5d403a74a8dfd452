// The demo's seller, Cassa Demo S.r.l., with its demo bank account and postal account: what the
// demo runs with when CASSA_SELLER is unset. Never a default of the server itself.
import { loadSellerFile, type Seller } from '../../server/src/invoices/seller.ts';

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
  postalAccount: '1234567',
  email: 'fatture@cassa-demo.example',
};

/** The seller of `CASSA_SELLER` (a JSON file), or the demo seller; throws with the bad field. */
export function loadSeller(path: string | undefined): Seller {
  return path ? loadSellerFile(path) : DEMO_SELLER;
}
