// Demo accounts of DESIGN.md 3.4, created once when the database is new (password `cassa-demo`).
// Identifiers are valid: check digits computed with the domain's own validators.
import { randomUUID } from 'node:crypto';
import { addMonths } from '../../src/domain/dates.ts';
import type { Holder } from '../../src/domain/types.ts';
import { codiceFiscaleCheckChar } from '../../src/domain/validators/codice-fiscale.ts';
import { partitaIvaCheckDigit } from '../../src/domain/validators/partita-iva.ts';
import { createCustomer } from '../../server/src/accounts/accounts.ts';
import type { Database } from '../../server/src/db/database.ts';
import { loadMigrations, migrate, MIGRATION_LOCK_ID } from '../../server/src/db/migrate.ts';
import { savePaymentMethod } from '../../server/src/payments/payments.ts';

export const DEMO_PASSWORD = 'cassa-demo';

export const DEMO_USERS = {
  company: '1234567@aruba.it',
  professional: '7654321@aruba.it',
  private: '5555555@aruba.it',
  member: 'mario.rossi@architettitorinopec.it',
} as const;

const partitaIva = (firstTen: string) => firstTen + String(partitaIvaCheckDigit(firstTen));
const codiceFiscale = (firstFifteen: string) => firstFifteen + codiceFiscaleCheckChar(firstFifteen);

const companyVat = partitaIva('0123456789');

export const DEMO_HOLDERS: Record<keyof typeof DEMO_USERS, Holder> = {
  company: {
    type: 'company',
    name: 'Rossi Costruzioni S.r.l.',
    vatNumber: companyVat,
    taxCode: companyVat,
    address: {
      street: 'Via Roma 10',
      postalCode: '10121',
      city: 'Torino',
      province: 'TO',
      country: 'IT',
    },
    email: 'amministrazione@rossicostruzioni.example',
    eInvoice: { sdiCode: 'M5UXCR1' },
  },
  professional: {
    type: 'professional',
    name: 'Giulia Bianchi',
    vatNumber: partitaIva('0987654321'),
    taxCode: codiceFiscale('BNCGLI85M41L219'),
    address: {
      street: 'Corso Buenos Aires 22',
      postalCode: '20124',
      city: 'Milano',
      province: 'MI',
      country: 'IT',
    },
    email: 'giulia.bianchi@studiobianchi.example',
    eInvoice: { sdiCode: 'KRRH6B9' },
  },
  private: {
    type: 'private',
    name: 'Luca Verdi',
    taxCode: codiceFiscale('VRDLCU90A01H501'),
    address: {
      street: 'Via Appia Nuova 5',
      postalCode: '00183',
      city: 'Roma',
      province: 'RM',
      country: 'IT',
    },
    email: 'luca.verdi@example.com',
    eInvoice: { sdiCode: '0000000' },
  },
  member: {
    type: 'professional',
    name: 'Mario Rossi',
    vatNumber: partitaIva('1122334455'),
    taxCode: codiceFiscale('RSSMRA75C12L219'),
    address: {
      street: 'Via Po 3',
      postalCode: '10124',
      city: 'Torino',
      province: 'TO',
      country: 'IT',
    },
    email: 'mario.rossi@studiorossi.example',
    eInvoice: { pec: 'mario.rossi@architettitorinopec.it' },
  },
};

/** The demo's own tables (demo/server/migrations), after the server's. */
export const DEMO_MIGRATIONS = new URL('./migrations/', import.meta.url);

/**
 * Applies the demo's migrations and creates the demo accounts unless this database already has
 * them; true when it did. The accounts are listed in demo_accounts (a production process lets
 * none of them sign in).
 */
export async function seedDemoAccounts(
  db: Database,
  clock: { today(): string; now(): Date },
): Promise<boolean> {
  await migrate(db, await loadMigrations(DEMO_MIGRATIONS));
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
    const today = clock.today();
    const claimed = await tx.query(
      "INSERT INTO app_meta (key, value) VALUES ('demo_seeded_on', $1) ON CONFLICT DO NOTHING RETURNING key",
      [today],
    );
    // Listed every time: a database seeded before demo_accounts existed gets them listed too.
    await tx.query(
      `INSERT INTO demo_accounts (customer_id)
       SELECT id FROM customers WHERE username = ANY($1::text[]) ON CONFLICT DO NOTHING`,
      [Object.values(DEMO_USERS)],
    );
    if (claimed.rows.length === 0) return false;
    const now = clock.now();
    const create = (who: keyof typeof DEMO_USERS) =>
      createCustomer(tx, {
        username: DEMO_USERS[who],
        password: DEMO_PASSWORD,
        holder: DEMO_HOLDERS[who],
        now,
      });

    const company = await create('company');
    await savePaymentMethod(tx, company.id, 'card', 'Visa •••• 4242', now, '2030-12-31');
    await savePaymentMethod(tx, company.id, 'paypal', 'PayPal rossi.costruzioni@example.com', now);
    await create('professional');
    await create('private');
    const member = await create('member');
    const mailboxes: [string, number][] = [
      ['mario.rossi@architettitorinopec.it', 8],
      ['studio.rossi@architettitorinopec.it', 2],
    ];
    for (const [mailbox, months] of mailboxes) {
      await tx.query(
        `INSERT INTO subscriptions (id, customer_id, product_id, label, expires_on, created_at)
         VALUES ($1, $2, 'pec-addons', $3, $4::date, $5)`,
        [`sub_${randomUUID()}`, member.id, mailbox, addMonths(today, months), now],
      );
    }
    await tx.query(
      `INSERT INTO demo_accounts (customer_id)
       SELECT id FROM customers WHERE username = ANY($1::text[]) ON CONFLICT DO NOTHING`,
      [Object.values(DEMO_USERS)],
    );
    return true;
  });
}
