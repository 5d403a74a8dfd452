// Validates FatturaPA files against the official XSD (Schema_1.2.1.xsd from @digitalia/fatturapa)
// with xmllint, offline: the schema's import of the W3C xmldsig schema (by URL) is resolved
// through an XML catalog to the copy shipped in @authenio/samlify-xmllint-wasm, and --nonet
// forbids any download. Many files are checked in one xmllint run.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

const XMLDSIG_URL = 'http://www.w3.org/TR/2002/REC-xmldsig-core-20020212/xmldsig-core-schema.xsd';

function packageFile(pkg: string, path: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), path);
}

export const FATTURAPA_XSD = packageFile('@digitalia/fatturapa', 'src/schemas/Schema_1.2.1.xsd');
export const XMLDSIG_XSD = packageFile(
  '@authenio/samlify-xmllint-wasm',
  'schemas/xmldsig-core-schema.xsd',
);

/** An XML catalog mapping the xmldsig URL to the local copy, written once per process. */
let catalogFile: string | undefined;
function catalog(): string {
  if (catalogFile) return catalogFile;
  const dir = mkdtempSync(join(tmpdir(), 'cassa-xsd-'));
  catalogFile = join(dir, 'catalog.xml');
  writeFileSync(
    catalogFile,
    `<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <system systemId="${XMLDSIG_URL}" uri="${pathToFileURL(XMLDSIG_XSD).href}"/>
  <uri name="${XMLDSIG_URL}" uri="${pathToFileURL(XMLDSIG_XSD).href}"/>
</catalog>
`,
  );
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return catalogFile;
}

export interface XsdResult {
  ok: boolean;
  /** xmllint's messages (empty when every file validates). */
  errors: string;
}

/** Validates every XML text against the FatturaPA schema; ok only when each one validates. */
export async function validateFatturaPA(xmls: readonly string[]): Promise<XsdResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cassa-fpa-'));
  try {
    const files = xmls.map((xml, i) => {
      const file = join(dir, `invoice-${i}.xml`);
      writeFileSync(file, xml);
      return file;
    });
    try {
      await run('xmllint', ['--nonet', '--noout', '--schema', FATTURAPA_XSD, ...files], {
        env: { ...process.env, XML_CATALOG_FILES: catalog() },
        maxBuffer: 16 * 1024 * 1024,
      });
      return { ok: true, errors: '' };
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? String(error);
      return { ok: false, errors: stderr.replaceAll(`${dir}/`, '') };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
