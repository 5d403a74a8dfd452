// The examples import `cassa` and `cassa/overlay` exactly as an installed package is imported.
// Inside this repository those names are this package itself, so each example's Vite config maps
// them through package.json `exports` to the built files (run `npm run build` first). A project
// that installed cassa from npm needs none of this: delete the `resolve.alias` line.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Alias } from 'vite';

const ROOT = resolve(import.meta.dirname, '..');

type ExportTarget = string | { [condition: string]: ExportTarget };

/** The file an `import` of `subpath` loads, by the same conditions a bundler uses. */
function importTarget(target: ExportTarget | undefined, subpath: string): string {
  if (typeof target === 'string') return target;
  const next = target?.browser ?? target?.import ?? target?.default;
  if (next === undefined)
    throw new Error(`package.json exports has no import target for "${subpath}"`);
  return importTarget(next, subpath);
}

export function cassaAliases(): Alias[] {
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
    exports: Record<string, ExportTarget>;
  };
  return [
    {
      find: /^cassa\/overlay$/,
      replacement: resolve(ROOT, importTarget(pkg.exports['./overlay'], './overlay')),
    },
    { find: /^cassa$/, replacement: resolve(ROOT, importTarget(pkg.exports['.'], '.')) },
  ];
}
