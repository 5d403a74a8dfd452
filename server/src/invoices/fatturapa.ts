// FatturaPA 1.2 from an invoice document: FPR12 between private parties, FPA12 to a public
// administration (its 6-character office code, split payment: EsigibilitaIVA `S`, CIG and CUP
// in DatiOrdineAcquisto). Pure, so the property tests can build thousands and validate each
// against the official XSDs (1.2.2 and 1.2.1).
import { XMLBuilder } from 'fast-xml-parser';
import { type IsoDate, type PaymentMethodType } from 'cassa/contract';
import type { Seller } from './seller.ts';
import { amount2, amount8, latinText, quantity, rate } from './text.ts';

export const FATTURAPA_NAMESPACE = 'http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2';
/** CodiceDestinatario when the invoice is delivered to a PEC address (or the fiscal drawer). */
export const NO_RECIPIENT_CODE = '0000000';

export type InvoiceDestination = { kind: 'sdi'; code: string } | { kind: 'pec'; address: string };

export interface InvoiceBuyer {
  type: 'company' | 'professional' | 'private';
  name: string;
  vatNumber?: string;
  taxCode: string;
  address: { street: string; postalCode: string; city: string; province: string; country: string };
}

export interface InvoiceLine {
  description: string;
  /** In the line's own unit (users, GB…); the unit price is the amount divided by it. */
  quantity: number;
  unit?: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  amountCents: number;
  vatRateBasisPoints: number;
}

export interface VatSummary {
  vatRateBasisPoints: number;
  taxableCents: number;
  vatCents: number;
}

/** Everything an invoice says, stored beside its XML (the HTML copy is drawn from it). */
export interface InvoiceDocument {
  /** `F-2026-000001`: the progressive number of the year. */
  number: string;
  date: IsoDate;
  /** The file's progressive (5 characters, unique for the sender): `0000A`. */
  progressive: string;
  fileName: string;
  seller: Seller;
  buyer: InvoiceBuyer;
  destination: InvoiceDestination;
  orderNumber: string;
  lines: InvoiceLine[];
  summary: VatSummary[];
  totalCents: number;
  paymentMethod: PaymentMethodType;
  /** `FPA12` to a public administration; absent (documents before issue 22) means `FPR12`. */
  format?: 'FPR12' | 'FPA12';
  /** Scissione dei pagamenti: the buyer paid the taxable amount, the VAT goes to the Treasury. */
  splitPayment?: boolean;
  /** What the buyer paid the seller (the taxable amount under split payment). */
  paidCents?: number;
  /** Public procurement references (FPA12 only). */
  cig?: string;
  cup?: string;
  /** The charge's reason (Causale); absent means `Ordine <number>`. */
  causale?: string;
  /** The period the charge covers. */
  periodStart?: IsoDate;
  periodEnd?: IsoDate;
}

/** SDI's rule: `IT` + the sender's Partita IVA + `_` + a 5-character progressive. */
export function invoiceFileName(sellerVatNumber: string, progressive: string): string {
  return `IT${sellerVatNumber}_${progressive}.xml`;
}

/** A positive integer as 5 characters of [0-9A-Z] (up to 36^5 − 1 files). */
export function fileProgressive(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1 || n >= 36 ** 5) throw new RangeError('progressive');
  return n.toString(36).toUpperCase().padStart(5, '0');
}

const PAYMENT_CODES: Record<PaymentMethodType, string | undefined> = {
  card: 'MP08', // carta di pagamento
  paypal: 'MP08',
  bank_transfer: 'MP05', // bonifico
  postal_slip: 'MP18', // bollettino di c/c postale
  credit: 'MP22', // trattenuta su somme già riscosse (the prepaid credit)
  none: undefined,
};

function recipient(destination: InvoiceDestination) {
  return destination.kind === 'sdi'
    ? { CodiceDestinatario: destination.code }
    : { CodiceDestinatario: NO_RECIPIENT_CODE, PECDestinatario: destination.address };
}

function sede(address: {
  street: string;
  streetNumber?: string | undefined;
  postalCode: string;
  city: string;
  province: string;
  country: string;
}) {
  const country = address.country.toUpperCase();
  return {
    Indirizzo: latinText(address.street, 60),
    ...(address.streetNumber ? { NumeroCivico: latinText(address.streetNumber, 8) } : {}),
    CAP: address.postalCode,
    Comune: latinText(address.city, 60),
    ...(country === 'IT' ? { Provincia: address.province.toUpperCase() } : {}),
    Nazione: country,
  };
}

function buyerData(buyer: InvoiceBuyer) {
  return {
    ...(buyer.vatNumber
      ? {
          IdFiscaleIVA: { IdPaese: buyer.address.country.toUpperCase(), IdCodice: buyer.vatNumber },
        }
      : {}),
    CodiceFiscale: buyer.taxCode.toUpperCase(),
    // The holder's name is one field (DESIGN 3.3): Denominazione, for professionals too.
    Anagrafica: { Denominazione: latinText(buyer.name, 80) },
  };
}

function line(l: InvoiceLine, index: number) {
  return {
    NumeroLinea: String(index + 1),
    Descrizione: latinText(l.description, 1000),
    Quantita: quantity(l.quantity),
    ...(l.unit ? { UnitaMisura: latinText(l.unit, 10) } : {}),
    DataInizioPeriodo: l.periodStart,
    DataFinePeriodo: l.periodEnd,
    PrezzoUnitario: amount8(l.amountCents, l.quantity),
    PrezzoTotale: amount2(l.amountCents),
    AliquotaIVA: rate(l.vatRateBasisPoints),
  };
}

/**
 * The FatturaPA XML of `doc` (UTF-8, unsigned: SDI accepts unsigned FPR12 files; an FPA12 must
 * be signed by the seller, or its intermediary, before it goes to SDI: README, invoices).
 */
export function buildFatturaPA(doc: InvoiceDocument): string {
  const { seller } = doc;
  const code = PAYMENT_CODES[doc.paymentMethod];
  const format = doc.format ?? 'FPR12';
  const split = doc.splitPayment === true;
  const causale = [doc.causale ?? `Ordine ${doc.orderNumber}`];
  if (split) causale.push('Scissione dei pagamenti ai sensi dell art. 17-ter DPR 633/1972');
  const invoice = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    'p:FatturaElettronica': {
      '@_versione': format,
      '@_xmlns:p': FATTURAPA_NAMESPACE,
      FatturaElettronicaHeader: {
        DatiTrasmissione: {
          IdTrasmittente: { IdPaese: 'IT', IdCodice: seller.vatNumber },
          ProgressivoInvio: doc.progressive,
          FormatoTrasmissione: format,
          ...recipient(doc.destination),
        },
        CedentePrestatore: {
          DatiAnagrafici: {
            IdFiscaleIVA: { IdPaese: 'IT', IdCodice: seller.vatNumber },
            ...(seller.taxCode ? { CodiceFiscale: seller.taxCode } : {}),
            Anagrafica: { Denominazione: latinText(seller.name, 80) },
            RegimeFiscale: seller.regimeFiscale,
          },
          Sede: sede(seller.address),
        },
        CessionarioCommittente: {
          DatiAnagrafici: buyerData(doc.buyer),
          Sede: sede(doc.buyer.address),
        },
      },
      FatturaElettronicaBody: {
        DatiGenerali: {
          DatiGeneraliDocumento: {
            TipoDocumento: 'TD01',
            Divisa: 'EUR',
            Data: doc.date,
            Numero: doc.number,
            ImportoTotaleDocumento: amount2(doc.totalCents),
            Causale: causale.map((text) => latinText(text, 200)),
          },
          DatiOrdineAcquisto: {
            IdDocumento: latinText(doc.orderNumber, 20),
            ...(doc.cup ? { CodiceCUP: doc.cup } : {}),
            ...(doc.cig ? { CodiceCIG: doc.cig } : {}),
          },
        },
        DatiBeniServizi: {
          DettaglioLinee: doc.lines.map(line),
          DatiRiepilogo: doc.summary.map((s) => ({
            AliquotaIVA: rate(s.vatRateBasisPoints),
            ImponibileImporto: amount2(s.taxableCents),
            Imposta: amount2(s.vatCents),
            // S: scissione dei pagamenti (the public body pays the VAT to the Treasury).
            EsigibilitaIVA: split ? 'S' : 'I',
          })),
        },
        ...(code
          ? {
              DatiPagamento: {
                CondizioniPagamento: 'TP02',
                DettaglioPagamento: {
                  Beneficiario: latinText(seller.name, 200),
                  ModalitaPagamento: code,
                  ImportoPagamento: amount2(doc.paidCents ?? doc.totalCents),
                  ...(doc.paymentMethod === 'bank_transfer' && seller.iban
                    ? { IBAN: seller.iban }
                    : {}),
                },
              },
            }
          : {}),
      },
    },
  };
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    indentBy: '  ',
    processEntities: true,
  });
  return builder.build(invoice) as string;
}
