import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

// The npm build: ESM with dependencies left as imports (dist/cassa.mjs).
export default defineConfig({
  define: { __CASSA_VERSION__: JSON.stringify(version) },
  build: {
    target: 'es2022',
    sourcemap: true,
    emptyOutDir: false,
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'cassa.mjs' },
    rollupOptions: { external: [/^lit/, /^@lit\//, /^zod/, /^ky$/, /^@floating-ui\//] },
  },
});
