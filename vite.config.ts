import { defineConfig } from 'vite';

// The drop-in build: one IIFE with every dependency inlined (dist/cassa.js).
export default defineConfig({
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
