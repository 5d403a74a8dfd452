import { defineConfig } from 'vite';
import { chunkName, widgetBuild } from './vite.config.ts';

// The npm build (build 3 of 3), ESM with the runtime dependencies left as imports (lit, zod, ky,
// @floating-ui/dom): dist/cassa.mjs (`import 'cassa'`), dist/overlay.mjs (`cassa/overlay`) and
// dist/components.mjs (`cassa/components`), dist/account.mjs (`cassa/account`, the customer area). The dynamic imports of each step, the English
// dictionary, floating-ui and the overlay stay dynamic: dist/chunks/*.mjs, which an app's bundler
// turns into chunks of its own.
export default defineConfig({
  define: widgetBuild.define,
  plugins: widgetBuild.plugins,
  build: {
    target: 'es2022',
    sourcemap: true,
    emptyOutDir: false,
    minify: true,
    lib: {
      entry: {
        cassa: 'src/index.ts',
        overlay: 'src/overlay/index.ts',
        components: 'src/components.ts',
        account: 'src/account.ts',
      },
      formats: ['es'],
      fileName: (_format, name) => `${name}.mjs`,
    },
    rollupOptions: {
      external: [/^lit(\/|$)/, /^@lit\//, /^zod(\/|$)/, /^ky$/, /^@floating-ui\//],
      output: {
        ...widgetBuild.output,
        chunkFileNames: (chunk) => `chunks/${chunkName(chunk)}-[hash].mjs`,
      },
    },
  },
});
