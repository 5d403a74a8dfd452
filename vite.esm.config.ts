import { defineConfig } from 'vite';

// The npm build: ESM with dependencies left as imports (dist/cassa.mjs).
export default defineConfig({
  build: {
    target: 'es2022',
    sourcemap: true,
    emptyOutDir: false,
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'cassa.mjs' },
    rollupOptions: { external: [/^lit/, /^@lit\//, /^zod/, /^ky$/, /^@floating-ui\//] },
  },
});
