// Validates FatturaPA files against the official XSDs with xmllint, offline: the current 1.2.2
// (test/fixtures/fatturapa, origin and checksum in its README) and 1.2.1 (Schema_1.2.1.xsd from
// @digitalia/fatturapa). Each schema's import of the W3C xmldsig schema (by URL) is resolved
// through an XML catalog to the copy shipped in @authenio/samlify-xmllint-wasm, and --nonet
// forbids any download. Many files are checked in one xmllint run per schema.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

const XMLDSIG_URL = 'http://www.w3.org/TR/2002/REC-xmldsig-core-20020212/xmldsig-core-schema.xsd';

function packageFile(pkg: string, path: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), path);
}

export const FATTURAPA_XSD_1_2_1 = packageFile(
  '@digitalia/fatturapa',
  'src/schemas/Schema_1.2.1.xsd',
);
export const FATTURAPA_XSD_1_2_2 = fileURLToPath(
  new URL('../../fixtures/fatturapa/Schema_del_file_xml_FatturaPA_v1.2.2.xsd', import.meta.url),
);
/** Both schemas every invoice must pass: the current one first. */
export const FATTURAPA_SCHEMAS = [
  { version: '1.2.2', file: FATTURAPA_XSD_1_2_2 },
  { version: '1.2.1', file: FATTURAPA_XSD_1_2_1 },
] as const;
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

/**
 * Validates every XML text against both FatturaPA schemas (1.2.2 and 1.2.1); ok only when each
 * one validates against each schema. The errors name the schema version that refused.
 */
export async function validateFatturaPA(xmls: readonly string[]): Promise<XsdResult> {
  const results = await Promise.all(
    FATTURAPA_SCHEMAS.map(async ({ version, file }) => ({
      version,
      result: await validateAgainst(file, xmls),
    })),
  );
  const failed = results.filter(({ result }) => !result.ok);
  return {
    ok: failed.length === 0,
    errors: failed
      .map(({ version, result }) => `FatturaPA ${version}:\n${result.errors}`)
      .join('\n'),
  };
}

/** Validates every XML text against one schema file. */
export async function validateAgainst(schema: string, xmls: readonly string[]): Promise<XsdResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cassa-fpa-'));
  try {
    const files = xmls.map((xml, i) => {
      const file = join(dir, `invoice-${i}.xml`);
      writeFileSync(file, xml);
      return file;
    });
    try {
      await run('xmllint', ['--nonet', '--noout', '--schema', schema, ...files], {
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
