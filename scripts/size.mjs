// npm run size: gzip and brotli sizes of the builds; fails when the drop-in bundle is over budget.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const BUDGET_GZIP_BYTES = 30 * 1024;
const files = ['dist/cassa.js', 'dist/cassa.mjs'];
let failed = false;
console.log('file              raw KB   gzip KB  brotli KB');
for (const file of files) {
  if (!existsSync(file)) {
    console.error(`${file} is missing: run npm run build first`);
    process.exit(1);
  }
  const raw = readFileSync(file);
  const gz = gzipSync(raw, { level: 9 }).length;
  const br = brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
  const kb = (n) => (n / 1024).toFixed(1).padStart(8);
  console.log(`${file.padEnd(16)}${kb(raw.length)}${kb(gz)}${kb(br)}`);
  if (file === 'dist/cassa.js' && gz > BUDGET_GZIP_BYTES) {
    console.error(
      `size: dist/cassa.js is ${(gz / 1024).toFixed(1)} KB gzip, over the ${BUDGET_GZIP_BYTES / 1024} KB budget`,
    );
    failed = true;
  }
}
if (!failed)
  console.log(`size: dist/cassa.js within the ${BUDGET_GZIP_BYTES / 1024} KB gzip budget`);
process.exit(failed ? 1 : 0);
