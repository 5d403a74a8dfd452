import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

// The drop-in build: one IIFE with every dependency inlined (dist/cassa.js). `src/embed.ts`
// exports no values, so the IIFE assigns no global of its own: `window.Cassa` is set (once) by
// the entry itself.
export default defineConfig({
  define: { __CASSA_VERSION__: JSON.stringify(version) },
  build: {
    target: 'es2022',
    sourcemap: true,
    emptyOutDir: true,
    lib: {
      entry: 'src/embed.ts',
      name: 'Cassa',
      formats: ['iife'],
      fileName: () => 'cassa.js',
    },
  },
});
