import { defineConfig } from 'vite';
import { cassaAliases } from '../package-entries.ts';

// No React plugin: Vite 8 compiles JSX itself (oxc), and this example needs no Fast Refresh.
// Add @vitejs/plugin-react for that in a real app.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  resolve: { alias: cassaAliases() },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
