// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.cassa-data/',
      'test-results/',
      'bench/node_modules/',
      'custom-elements.json',
      'examples/*/dist/',
      'server/dist/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/browser/**/*.ts'],
    plugins: { lit, wc },
    settings: { wc: { elementBaseClasses: ['LitElement'] } },
    rules: {
      ...lit.configs.recommended.rules,
      ...wc.configs.recommended.rules,
      'lit/no-invalid-html': 'error',
    },
  },
  {
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        console: 'readonly',
        process: 'readonly',
        customElements: 'readonly',
        HTMLElement: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        sessionStorage: 'readonly',
        navigator: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-undef': 'off',
    },
  },
  // Layers stay honest: the reference server shares the widget's rules through the
  // `cassa/contract` entry only (never its source by path, never its UI), and the checkout
  // store never reaches into a component.
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(src|demo|test|bench|conformance)(/|$)',
              message:
                "The server imports the widget's shared code from `cassa/contract` only, and nothing of the demo or the tests.",
            },
            {
              regex: '^cassa(?!/contract$)(/.*)?$',
              message: 'The server may import `cassa/contract` only, never widget UI code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/state/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(components|checkout|overlay|loading)/|cassa-checkout(\\.styles)?\\.ts$',
              message:
                'The checkout store holds state only: it never imports a component or an element.',
            },
          ],
        },
      ],
    },
  },
);
