// The drop-in build's sizes, gzip (level 9), from its manifest (dist/.vite/manifest.json): what
// `npm run size` and `npm run bench` report. See scripts/size.mjs for what each figure means.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The source modules of each first step (src/loading/parts.ts). */
export const FIRST_STEPS = {
  // The plan picker is in the main module's file (src/loading/parts.ts imports it).
  plan: [],
  account: ['src/checkout/steps/account.ts'],
  // Shown to a host session only: the store's session file (the contract's schemas with it) is
  // fetched before the first step (dist/cassa.js asks for it with the first files).
  mailbox: ['src/checkout/steps/mailbox.ts', 'session'],
};
/** The English dictionary modules each first step shows (its elements' `messages`). */
const ENGLISH = {
  plan: ['frame'],
  account: ['frame', 'account'],
  mailbox: ['frame', 'mailbox'],
};
const english = (modules) => modules.map((module) => `src/i18n/en/${module}.ts`);
/** The customer area's own file (issue 24): never part of a purchase. */
export const ACCOUNT_AREA = 'src/components/cassa-account/cassa-account.ts';

/** Reads the build in `dist` (throws when it is not built). */
export function dropInSizes(dist = 'dist') {
  const manifestFile = join(dist, '.vite/manifest.json');
  if (!existsSync(manifestFile) || !existsSync(join(dist, 'cassa.js')))
    throw new Error(`${dist}/ is not built: run npm run build first`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const gz = new Map();
  const gzipOf = (file) => {
    if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(join(dist, file)), { level: 9 }).length);
    return gz.get(file);
  };
  /** The files of `keys` and of everything they import statically. */
  const filesOf = (keys) => {
    const files = new Set();
    const visit = (key) => {
      // A module's key, or a group's name (vite.config.ts) for a file that is no module's own.
      const chunk = manifest[key] ?? Object.values(manifest).find((c) => !c.src && c.name === key);
      if (!chunk) throw new Error(`${key} is not in ${manifestFile}`);
      if (files.has(chunk.file)) return;
      files.add(chunk.file);
      (chunk.imports ?? []).forEach(visit);
    };
    keys.forEach(visit);
    return files;
  };
  const sum = (files) => [...files].reduce((total, file) => total + gzipOf(file), 0);
  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
  /**
   * The initial download of a page starting on `step` in `locale`: the plans' file is always in
   * it (<cassa-checkout> asks for it with the catalog, src/cassa-checkout.ts).
   */
  const initial = (step, locale) => {
    const files = filesOf([
      entry,
      ...FIRST_STEPS.plan,
      ...FIRST_STEPS[step],
      ...(locale === 'en' ? english(ENGLISH[step]) : []),
    ]);
    files.add('cassa.js');
    return { step, locale, files: files.size, bytes: sum(files) };
  };
  const dropIn = readdirSync(dist).filter((f) => /^cassa(-[\w.-]+)?\.js$/.test(f));
  // The customer area's file is not part of a purchase; what a page showing it downloads is the
  // main module and its imports, that file, and the login step's file when there is no session.
  const accountFile = manifest[ACCOUNT_AREA]?.file;
  const purchase = dropIn.filter((f) => f !== accountFile);
  const account = accountFile
    ? {
        file: accountFile,
        bytes: gzipOf(accountFile),
        page: sum(new Set(['cassa.js', ...filesOf([entry, ACCOUNT_AREA])])),
      }
    : undefined;
  return { gzipOf, sum, initial, dropIn, purchase, all: sum(purchase), account };
}
