// The "server" of this example: renders page.html with the include, as a CMS or a template engine
// would, into dist/, and copies the drop-in script beside it (all of the package's browser files,
// so a build that splits the script into chunks still works).
// Usage: CASSA_BACKEND=https://shop.example/api node examples/html/render.mjs
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const HERE = import.meta.dirname;
const ROOT = resolve(HERE, '../..');
const OUT = join(HERE, 'dist');
const backend = process.env.CASSA_BACKEND ?? 'http://localhost:8080/api';

/** A value placed in an HTML attribute or text: never markup. */
const escapeHtml = (value) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

// Where the package's drop-in script lives (package.json "exports": "./cassa.js").
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const dropIn = resolve(ROOT, pkg.exports['./cassa.js']);
const assets = 'cassa';

const fill = (template) =>
  template
    .replaceAll('{{CASSA_BACKEND}}', escapeHtml(backend))
    .replaceAll('{{CASSA_ASSETS}}', assets);

const include = fill(readFileSync(join(HERE, 'cassa-checkout.html'), 'utf8'));
const page = fill(readFileSync(join(HERE, 'page.html'), 'utf8')).replace(
  '<!-- include: cassa-checkout.html -->',
  include,
);

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'index.html'), page);
cpSync(join(HERE, 'order-complete.js'), join(OUT, 'order-complete.js'));
cpSync(dirname(dropIn), join(OUT, assets), {
  recursive: true,
  filter: (source) => !/[\\/](types|conformance)$/.test(source),
});
console.log(`examples/html/dist/index.html rendered for ${backend}`);
