import { readFileSync } from 'node:fs';
import { RolldownMagicString } from 'rolldown';
import { defineConfig, parseAst, type Plugin } from 'vite';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

type Node = { type?: string; start: number; end: number; [key: string]: unknown };

/** Static CSS: no comments, one space at most, none around punctuation (never before `:`). */
const minifyCss = (s: string) =>
  s
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/;}/g, '}');

/**
 * Static HTML: whitespace runs become one space, which renders the same (a space between inline
 * elements matters, so none is removed; no template of ours holds a `<pre>` or `<textarea>`).
 */
const minifyHtml = (s: string) => s.replace(/\s+/g, ' ');

/**
 * Minifies the static parts of Lit's `css` and `html` tagged templates in our own sources (the
 * minifier keeps template text as written). Expressions are untouched. Edits go through
 * rolldown's native MagicString (Vite's own bundler, no new dependency) so source maps stay right.
 */
export function minifyLitTemplates(): Plugin {
  return {
    name: 'cassa:minify-lit-templates',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/(css|html)`/.test(code)) return null;
      const ms = new RolldownMagicString(code);
      const visit = (node: unknown): void => {
        if (!node || typeof node !== 'object') return;
        if (Array.isArray(node)) return node.forEach(visit);
        const n = node as Node;
        const tag = n.type === 'TaggedTemplateExpression' && (n.tag as Node & { name?: string });
        const minify = tag && { css: minifyCss, html: minifyHtml }[String(tag.name)];
        if (minify) {
          const quasis = (n.quasi as { quasis: (Node & { value: { raw: string } })[] }).quasis;
          quasis.forEach((q, i) => {
            let raw = minify(q.value.raw);
            // Only a stylesheet's own ends are insignificant; an HTML text node keeps its space.
            if (minify === minifyCss && i === 0) raw = raw.trimStart();
            if (minify === minifyCss && i === quasis.length - 1) raw = raw.trimEnd();
            // oxc's span includes the delimiters (` or } before, ` or ${ after).
            const start = q.start + 1;
            if (raw !== q.value.raw) ms.overwrite(start, start + q.value.raw.length, raw);
          });
        }
        for (const key in n) if (key !== 'tag') visit(n[key]);
      };
      visit(parseAst(code, { lang: 'ts' }));
      return { code: ms as unknown as string };
    },
  };
}

/**
 * What the widget builds share (this one, vite.loader.config.ts and vite.esm.config.ts): the
 * version, minified templates, and ASCII output (`€` → `\u20ac`: a script with any character beyond
 * Latin-1 is held by the browser as a two-byte string, twice its length).
 */
export const widgetBuild = {
  define: { __CASSA_VERSION__: JSON.stringify(version) },
  plugins: [minifyLitTemplates()],
  // Vite leaves whitespace in ES library builds; these files are served as they are.
  output: { charset: 'ascii' as const, minify: true },
};

/**
 * How the drop-in's modules are grouped into files (each file costs a request and its own gzip
 * dictionary): everything the first step runs in one file with the main module (the plan picker
 * included), the few helpers later steps share with it there too, and each later step's elements,
 * with what only they use, in a file of its own; what several form steps share (field messages,
 * the help bubble, the e-invoice wording) in one more. Issue 21: the store's session concern and
 * the contract's schemas but the catalog's are a file fetched after the first step (with the
 * first files when the page gives a session token); the summary and the result (always shown one
 * after the other) are one file; the later steps' English strings are one file.
 */
const DROPIN_GROUPS = [
  // The first step's file: its name says what it starts with (most checkouts start on the plans).
  { name: 'first-plan-picker', tags: ['$initial' as const], priority: 3 },
  {
    // English strings of the later steps (a buyer who reaches one soon reaches the others); the
    // first steps' ones (frame, account, mailbox) stay files of their own.
    name: 'en-later-steps',
    test: /[\\/]i18n[\\/]en[\\/](addons|forms|holder|summary|result)\.ts$/,
    priority: 2,
  },
  {
    name: 'forms',
    test: /[\\/](i18n[\\/]it[\\/]forms|cassa-toggletip|shared[\\/]e-invoice|domain[\\/]selection)\.ts$/,
    priority: 2,
  },
  {
    // Fetched right after the first step is shown (by dist/cassa.js with the first files when a
    // checkout has a `session-token`): the store's session concern and the contract's schemas
    // other than the catalog's (the first quote, a login and a host session parse them).
    name: 'session',
    test: /[\\/](state[\\/]session|api[\\/]schemas)\.ts$/,
    priority: 2,
  },
  {
    name: 'overlay',
    test: /[\\/]overlay[\\/](open|cassa-overlay|cassa-overlay\.styles)\.ts$/,
    priority: 2,
  },
  {
    name: 'payment-order-summary-result',
    test: /[\\/](cassa-payment-chooser|cassa-order-summary|i18n[\\/]it[\\/](summary|result)|steps[\\/](summary|result)|cassa-checkout-result)\.ts$/,
    priority: 2,
  },
];

/**
 * A chunk's name says what it holds: English dictionaries by step are `en-<step>` (the Italian ones
 * are in the steps' files), the summary step `payment-order-summary-result`; else the module's name.
 */
export const chunkName = (chunk: { facadeModuleId?: string | null; name: string }): string => {
  const id = chunk.facadeModuleId ?? '';
  if (/[\\/]i18n[\\/]en[\\/]/.test(id)) return `en-${chunk.name}`;
  if (/[\\/]checkout[\\/]steps[\\/]summary\.ts$/.test(id)) return 'payment-order-summary-result';
  return chunk.name;
};

/**
 * Writes dist/.vite/modules.json: the file each source module was built into (the manifest names
 * only a file's own module or group). vite.loader.config.ts reads it to list the files of each
 * part the checkout preloads (src/loading/parts.ts).
 */
function moduleFiles(): Plugin {
  return {
    name: 'cassa:module-files',
    generateBundle(_options, bundle) {
      const files: Record<string, string> = {};
      const root = `${process.cwd()}/`;
      for (const chunk of Object.values(bundle))
        if (chunk.type === 'chunk')
          for (const id of chunk.moduleIds)
            if (id.startsWith(root)) files[id.slice(root.length)] = chunk.fileName;
      this.emitFile({
        type: 'asset',
        fileName: '.vite/modules.json',
        source: JSON.stringify(files, null, 1),
      });
    },
  };
}

/** The drop-in's modules: `cassa-<name>-<hash>.js` beside dist/cassa.js (host them together). */
export const DROPIN_PREFIX = 'cassa-';

// The drop-in's modules (build 1 of 3): src/dropin.ts and every dependency inlined (no bare
// imports: the browser loads these files as they are), split at each dynamic import. The manifest
// (dist/.vite/manifest.json) tells vite.loader.config.ts which files the first step needs, and
// `npm run size` what each part weighs.
export default defineConfig({
  define: widgetBuild.define,
  plugins: [...widgetBuild.plugins, moduleFiles()],
  build: {
    target: 'es2022',
    sourcemap: true,
    emptyOutDir: true,
    manifest: true,
    minify: true,
    rollupOptions: {
      // The customer area's file imports the main module (see src/components/cassa-account):
      // the main file may gain the exports it needs instead of becoming a facade of another file.
      preserveEntrySignatures: 'allow-extension',
      output: {
        ...widgetBuild.output,
        // These files are served as they are (no bundler reads them after this build): the
        // tree-shaking hints (`/* @__PURE__ */`, 119 of them) are bytes for nothing here. The ESM
        // build keeps them for the integrator's bundler.
        comments: { legal: true, annotation: false, jsdoc: false },
        entryFileNames: `${DROPIN_PREFIX}main-[hash].js`,
        chunkFileNames: (chunk) => `${DROPIN_PREFIX}${chunkName(chunk)}-[hash].js`,
        codeSplitting: { groups: DROPIN_GROUPS },
      },
    },
    lib: { entry: 'src/dropin.ts', formats: ['es'] },
  },
});
