import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { minifyLitTemplates, zodShapeAlias } from './vite.config.ts';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

// The npm build, ESM with dependencies left as imports: dist/cassa.mjs (`import 'cassa'`) and
// dist/overlay.mjs (`import { open } from 'cassa/overlay'`, which imports ./cassa.mjs). zod is not
// among them: the schemas' shape checks come from src/api/zod-shape.ts (the alias).
export default defineConfig({
  define: { __CASSA_VERSION__: JSON.stringify(version), __CASSA_WIDGET__: 'true' },
  plugins: [minifyLitTemplates()],
  resolve: { alias: [zodShapeAlias] },
  build: {
    target: 'es2022',
    sourcemap: true,
    emptyOutDir: false,
    lib: {
      entry: { cassa: 'src/index.ts', overlay: 'src/overlay/index.ts' },
      formats: ['es'],
      fileName: (_format, name) => `${name}.mjs`,
    },
    rollupOptions: { external: [/^lit/, /^@lit\//], output: { charset: 'ascii' } },
  },
});
