// Reading a FatturaPA file back in tests: the fields an assertion needs, amounts as cents.
import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({
  ignoreAttributes: false,
  // Every value as text: `22.00` must not become 22, nor `0000000` become 0.
  parseTagValue: false,
  isArray: (name) => ['DettaglioLinee', 'DatiRiepilogo'].includes(name),
});

export const cents = (amount: string) => {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(amount);
  if (!match) throw new Error(`not an amount with 2 decimals: ${amount}`);
  return (match[1] ? -1 : 1) * (Number(match[2]) * 100 + Number(match[3]));
};

export interface ReadInvoice {
  recipientCode: string;
  pec: string | undefined;
  number: string;
  date: string;
  buyerName: string;
  buyerVat: string | undefined;
  buyerTaxCode: string | undefined;
  totalCents: number;
  lines: { description: string; quantity: string; unitPrice: string; totalCents: number }[];
  summary: { rate: string; taxableCents: number; vatCents: number }[];
  paymentCode: string | undefined;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- a parsed XML tree */
export function readInvoice(xml: string): ReadInvoice {
  const root = parser.parse(xml)['p:FatturaElettronica'];
  const header = root.FatturaElettronicaHeader;
  const body = root.FatturaElettronicaBody;
  const buyer = header.CessionarioCommittente.DatiAnagrafici;
  const doc = body.DatiGenerali.DatiGeneraliDocumento;
  return {
    recipientCode: header.DatiTrasmissione.CodiceDestinatario,
    pec: header.DatiTrasmissione.PECDestinatario,
    number: doc.Numero,
    date: doc.Data,
    buyerName: buyer.Anagrafica.Denominazione,
    buyerVat: buyer.IdFiscaleIVA?.IdCodice,
    buyerTaxCode: buyer.CodiceFiscale,
    totalCents: cents(doc.ImportoTotaleDocumento),
    lines: body.DatiBeniServizi.DettaglioLinee.map((l: any) => ({
      description: l.Descrizione,
      quantity: l.Quantita,
      unitPrice: l.PrezzoUnitario,
      totalCents: cents(l.PrezzoTotale),
    })),
    summary: body.DatiBeniServizi.DatiRiepilogo.map((s: any) => ({
      rate: s.AliquotaIVA,
      taxableCents: cents(s.ImponibileImporto),
      vatCents: cents(s.Imposta),
    })),
    paymentCode: body.DatiPagamento?.DettaglioPagamento?.ModalitaPagamento,
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * SDI's line check (error 00423): PrezzoTotale = PrezzoUnitario × Quantita, within a cent.
 * Exact decimal arithmetic in units of 1e-10 euro.
 */
export function lineProductMatches(line: ReadInvoice['lines'][number]): boolean {
  const scaled = (text: string, decimals: number) => {
    const [int, frac = ''] = text.split('.');
    return BigInt(int + frac.padEnd(decimals, '0').slice(0, decimals));
  };
  const product = scaled(line.unitPrice, 8) * scaled(line.quantity, 2); // 1e-10 euro
  const total = BigInt(line.totalCents) * 10n ** 8n; // cents → 1e-10 euro
  const diff = product > total ? product - total : total - product;
  return diff <= 10n ** 8n;
}
