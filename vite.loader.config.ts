import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
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
// gave them. `src/embed.ts` exports no values, so the IIFE assigns no global of its own:
// `window.Cassa` is set (once) by the script itself.
export default defineConfig(() => {
  const manifest = JSON.parse(readFileSync('dist/.vite/manifest.json', 'utf8')) as Manifest;
  return {
    define: {
      ...widgetBuild.define,
      __CASSA_FILES__: JSON.stringify(firstFiles(manifest)),
      __CASSA_SESSION_FILES__: JSON.stringify(sessionFiles(manifest)),
    },
    plugins: widgetBuild.plugins,
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
