// The demo catalog (DESIGN.md 1.3) as the domain sees it, parsed once for the domain tests.
import { readFileSync } from 'node:fs';
import { findProduct, parseCatalog, type Product } from '../../src/domain/catalog.ts';

export const demoCatalogJson: unknown = JSON.parse(
  readFileSync(new URL('../../demo/catalog.json', import.meta.url), 'utf8'),
);

const parsed = parseCatalog(demoCatalogJson);
if (!parsed.ok)
  throw new Error(`demo/catalog.json is invalid at ${parsed.path}: ${parsed.message}`);
const catalog = parsed.catalog;

function product(id: string): Product {
  const found = findProduct(catalog, id);
  if (!found) throw new Error(`demo/catalog.json has no product ${id}`);
  return found;
}

export const certifiedPlatform = product('certified-platform');
export const pecAddons = product('pec-addons');
