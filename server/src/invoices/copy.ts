// The human-readable copy of an invoice (copia di cortesia), drawn from its stored document.
// Every value is escaped by `html`; no script, no inline style (the pages' strict CSP).
import { formatMoney } from 'cassa/contract';
import { PAGES_STYLESHEET_PATH } from '../http/assets.ts';
import { html } from '../http/html.ts';
import type { InvoiceDocument } from './fatturapa.ts';

const money = (cents: number) => formatMoney(cents, 'EUR', 'it');
const date = (iso: string) => iso.split('-').reverse().join('/');
const percent = (basisPoints: number) => `${basisPoints / 100}%`;

const METHODS: Record<InvoiceDocument['paymentMethod'], string> = {
  card: 'Carta di credito',
  paypal: 'PayPal',
  bank_transfer: 'Bonifico bancario',
  postal_slip: 'Bollettino postale',
  credit: 'Credito prepagato',
  none: '-',
};

/** Where the invoice was sent, as one Italian sentence. */
export function destinationSentence(destination: InvoiceDocument['destination']): string {
  return destination.kind === 'sdi'
    ? `Trasmessa tramite SDI al Codice Destinatario ${destination.code}`
    : `Trasmessa tramite SDI all'indirizzo PEC ${destination.address}`;
}

/** "1 utente", "3 utenti": the copy reads as Italian (the XML keeps its unit of measure). */
function unitWord(unit: string, quantity: number): string {
  return quantity === 1 && unit === 'utenti' ? 'utente' : unit;
}

export function invoiceCopyPage(doc: InvoiceDocument, xmlHref: string): string {
  const { seller, buyer } = doc;
  const sellerAddress = `${seller.address.street}${seller.address.streetNumber ? ` ${seller.address.streetNumber}` : ''}, ${seller.address.postalCode} ${seller.address.city} (${seller.address.province})`;
  const buyerAddress = `${buyer.address.street}, ${buyer.address.postalCode} ${buyer.address.city} (${buyer.address.province})`;
  return html`<!doctype html>
    <html lang="it">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Fattura ${doc.number} — copia di cortesia</title>
        <link rel="stylesheet" href="${PAGES_STYLESHEET_PATH}" />
      </head>
      <body>
        <main class="wide">
          <article class="card invoice">
            <h1>Fattura <span class="id">${doc.number}</span> del ${date(doc.date)}</h1>
            <p class="meta">
              Copia di cortesia, senza valore fiscale: l'originale è il file ${doc.fileName}
              trasmesso tramite il Sistema di Interscambio (SDI).
            </p>
            <h2>Cedente / prestatore</h2>
            <p>${seller.name}<br />P.IVA IT${seller.vatNumber}<br />${sellerAddress}</p>
            <h2>Cessionario / committente</h2>
            <p>
              ${buyer.name}<br />
              ${buyer.vatNumber ? html`P.IVA IT${buyer.vatNumber}<br />` : ''} Codice fiscale
              ${buyer.taxCode}<br />${buyerAddress}
            </p>
            ${
              doc.cig || doc.cup
                ? html`<p>
                    ${[doc.cig ? `CIG ${doc.cig}` : '', doc.cup ? `CUP ${doc.cup}` : '']
                      .filter(Boolean)
                      .join(' · ')}
                  </p>`
                : ''
            }
            <p>${destinationSentence(doc.destination)}.</p>
            <h2>Dettaglio (ordine <span class="id">${doc.orderNumber}</span>)</h2>
            <table class="lines">
              <thead>
                <tr>
                  <th scope="col">Descrizione</th>
                  <th scope="col" class="num">Quantità</th>
                  <th scope="col" class="num">Importo</th>
                  <th scope="col" class="num">IVA</th>
                </tr>
              </thead>
              <tbody>
                ${doc.lines.map(
                  (l) =>
                    html`<tr>
                      <td>${l.description}</td>
                      <td class="num">
                        ${l.quantity}${l.unit ? ` ${unitWord(l.unit, l.quantity)}` : ''}
                      </td>
                      <td class="num">${money(l.amountCents)}</td>
                      <td class="num">${percent(l.vatRateBasisPoints)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
            <h2>Riepilogo IVA</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Aliquota</th>
                  <th scope="col" class="num">Imponibile</th>
                  <th scope="col" class="num">Imposta</th>
                </tr>
              </thead>
              <tbody>
                ${doc.summary.map(
                  (s) =>
                    html`<tr>
                      <td>${percent(s.vatRateBasisPoints)}</td>
                      <td class="num">${money(s.taxableCents)}</td>
                      <td class="num">${money(s.vatCents)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
            <p class="total">Totale documento: <strong>${money(doc.totalCents)}</strong></p>
            ${
              doc.splitPayment
                ? html`<p>
                      Scissione dei pagamenti (art. 17-ter DPR 633/72): l'IVA è versata all'Erario
                      dal cessionario/committente.
                    </p>
                    <p class="total">
                      Netto a pagare:
                      <strong
                        >${money(
                          doc.paidCents ?? doc.summary.reduce((sum, s) => sum + s.taxableCents, 0),
                        )}</strong
                      >
                    </p>`
                : ''
            }
            <p>Pagamento: ${METHODS[doc.paymentMethod]} (pagato).</p>
            <p><a href="${xmlHref}" download="${doc.fileName}">Scarica il file XML</a></p>
          </article>
        </main>
      </body>
    </html>`.value;
}
