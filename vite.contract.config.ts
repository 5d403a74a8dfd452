import { defineConfig } from 'vite';

// `cassa/contract` as built JavaScript (dist/contract.mjs, with the English dictionary as a chunk
// of its own): what a backend shares with the widget — the HTTP contract's schemas, the domain
// rules, the Italian checks and the dictionaries. The reference server imports it by this name;
// in the repository (tsx, tsc) the name maps to src/contract.ts through tsconfig `paths`.
// zod stays an import, as in the ESM build.
export default defineConfig({
  build: {
    target: 'es2022',
    sourcemap: true,
    emptyOutDir: false,
    minify: false,
    lib: {
      entry: { contract: 'src/contract.ts' },
      formats: ['es'],
      fileName: (_format, name) => `${name}.mjs`,
    },
    rollupOptions: {
      external: [/^zod(\/|$)/],
      output: { chunkFileNames: 'contract-chunks/[name]-[hash].mjs' },
    },
  },
});
