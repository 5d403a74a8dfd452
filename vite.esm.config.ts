import { defineConfig } from 'vite';
import { widgetBuild } from './vite.config.ts';

// The npm build, ESM with dependencies left as imports: dist/cassa.mjs (`import 'cassa'`) and
// dist/overlay.mjs (`import { open } from 'cassa/overlay'`, which imports ./cassa.mjs). zod is not
// among them: the schemas' shape checks come from src/api/zod-shape.ts (the alias).
export default defineConfig({
  define: widgetBuild.define,
  plugins: widgetBuild.plugins,
  resolve: widgetBuild.resolve,
  build: {
    target: 'es2022',
    sourcemap: true,
    emptyOutDir: false,
    lib: {
      entry: { cassa: 'src/index.ts', overlay: 'src/overlay/index.ts' },
      formats: ['es'],
      fileName: (_format, name) => `${name}.mjs`,
    },
    rollupOptions: { external: [/^lit/, /^@lit\//], output: widgetBuild.output },
  },
});
