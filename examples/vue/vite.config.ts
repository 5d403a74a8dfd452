import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { cassaAliases } from '../package-entries.ts';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  resolve: { alias: cassaAliases() },
  plugins: [
    vue({
      // Tags starting with `cassa-` are Cassa's custom elements, not Vue components: Vue leaves
      // them to the browser, binds `:prop` as DOM properties and `@event` as DOM listeners.
      template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('cassa-') } },
    }),
  ],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
