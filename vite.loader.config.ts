import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { widgetBuild } from './vite.config.ts';

type Manifest = Record<
  string,
  { file: string; name?: string; isEntry?: boolean; imports?: string[] }
>;

/** The main module's file and every file it imports statically, from build 1's manifest. */
export function firstFiles(manifest: Manifest): string[] {
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (!entry) throw new Error('dist/.vite/manifest.json has no entry: run vite build first');
  return filesOf(manifest, entry);
}

/** The store's session file (the group `session` of vite.config.ts) and its imports but the first files. */
export function sessionFiles(manifest: Manifest): string[] {
  const key = Object.keys(manifest).find((k) => manifest[k]!.name === 'session');
  if (!key) throw new Error('dist/.vite/manifest.json has no session file: run vite build first');
  const first = firstFiles(manifest);
  return filesOf(manifest, key).filter((file) => !first.includes(file));
}

/**
 * The modules of each part src/loading/parts.ts may preload (its step files, the English
 * dictionary, floating-ui) and of the store's lazy concerns: their files are what a checkout
 * fetches, without running them, after its first step is shown.
 */
export const PART_MODULES: Record<string, string[]> = {
  addons: ['src/checkout/steps/addons.ts'],
  account: ['src/checkout/steps/account.ts'],
  mailbox: ['src/checkout/steps/mailbox.ts'],
  holder: ['src/checkout/steps/holder.ts'],
  summary: ['src/checkout/steps/summary.ts'],
  result: ['src/checkout/steps/result.ts'],
  en: ['frame', 'addons', 'account', 'mailbox', 'holder', 'forms', 'summary', 'result'].map(
    (module) => `src/i18n/en/${module}.ts`,
  ),
  floating: ['src/components/cassa-toggletip/placement.ts'],
  session: ['src/state/session.ts'],
  ordering: ['src/state/ordering.ts'],
};

/**
 * Each part's files (see PART_MODULES): the files its modules were built into and what those
 * import statically, but the first files. `modules` is build 1's dist/.vite/modules.json.
 */
export function partFiles(
  manifest: Manifest,
  modules: Record<string, string>,
): Record<string, string[]> {
  const first = firstFiles(manifest);
  const keyOf = (file: string) => Object.keys(manifest).find((k) => manifest[k]!.file === file);
  return Object.fromEntries(
    Object.entries(PART_MODULES).map(([part, ids]) => {
      const files = new Set<string>();
      for (const id of ids) {
        const file = modules[id];
        const key = file && keyOf(file);
        if (!key) throw new Error(`${id} (part ${part}) is in no file of the build`);
        for (const each of filesOf(manifest, key)) if (!first.includes(each)) files.add(each);
      }
      return [part, [...files]];
    }),
  );
}

/** dist/cassa-parts-<hash>.js: the module that gives the checkout each part's files. */
function partsModule(parts: Record<string, string[]>) {
  const source = `export default ${JSON.stringify(parts)};\n`;
  const hash = createHash('sha256').update(source).digest('base64url').slice(0, 8);
  const fileName = `cassa-parts-${hash}.js`;
  const plugin: Plugin = {
    name: 'cassa:parts-module',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source });
    },
  };
  return { fileName, plugin };
}

function filesOf(manifest: Manifest, entry: string): string[] {
  const files: string[] = [];
  const visit = (key: string) => {
    const chunk = manifest[key]!;
    if (files.includes(chunk.file)) return;
    files.push(chunk.file);
    chunk.imports?.forEach(visit);
  };
  visit(entry);
  return files;
}

// The drop-in script (build 2 of 3): dist/cassa.js, the one classic <script> an integrator adds
// (src/embed.ts). It imports the main module and its imports in parallel, by the names build 1
// gave them, and names the module listing each part's files (dist/cassa-parts-<hash>.js, written
// here). `src/embed.ts` exports no values, so the IIFE assigns no global of its own:
// `window.Cassa` is set (once) by the script itself.
export default defineConfig(() => {
  const manifest = JSON.parse(readFileSync('dist/.vite/manifest.json', 'utf8')) as Manifest;
  const modules = JSON.parse(readFileSync('dist/.vite/modules.json', 'utf8')) as Record<
    string,
    string
  >;
  const parts = partsModule(partFiles(manifest, modules));
  return {
    define: {
      ...widgetBuild.define,
      __CASSA_FILES__: JSON.stringify(firstFiles(manifest)),
      __CASSA_SESSION_FILES__: JSON.stringify(sessionFiles(manifest)),
      __CASSA_PARTS_FILE__: JSON.stringify(parts.fileName),
    },
    plugins: [...widgetBuild.plugins, parts.plugin],
    build: {
      target: 'es2022',
      sourcemap: true,
      emptyOutDir: false,
      rollupOptions: { output: widgetBuild.output },
      lib: {
        entry: 'src/embed.ts',
        name: 'Cassa',
        formats: ['iife' as const],
        fileName: () => 'cassa.js',
      },
    },
  };
});
