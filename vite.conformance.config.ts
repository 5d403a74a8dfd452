import { defineConfig } from 'vite';

// The conformance kit for the published package: dist/conformance/cli.mjs, one Node ESM file run
// by bin/cassa-conformance.mjs. Its dependencies (ky, zod) stay imports; the contract's schemas
// (src/api, src/domain) are bundled in, with full zod (not the widget's zod-shape alias).
export default defineConfig({
  build: {
    ssr: 'conformance/cli.ts',
    outDir: 'dist/conformance',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: { output: { entryFileNames: 'cli.mjs', format: 'es' } },
  },
});
