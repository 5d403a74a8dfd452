// Bundles the Adyen Drop-in page and the plain Lit page the way dist/cassa.js is shipped:
// one minified IIFE each (ES2022), CSS inlined into the script.
import { mkdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

export interface BundleInfo {
  /** URL path on the bench's static server */
  readonly path: string;
  readonly rawBytes: number;
  readonly gzipBytes: number;
}

/** Builds `adyen.js` and `lit.js` into `outDir`; answers their sizes. */
export async function buildBenchBundles(
  benchDir: string,
  outDir: string,
): Promise<Record<'adyen' | 'lit', BundleInfo>> {
  // Resolved from bench/node_modules (installed by bench/run.ts before this module loads).
  const esbuild = await import('esbuild');
  await mkdir(outDir, { recursive: true });
  const build = async (entry: string, outfile: string): Promise<BundleInfo> => {
    await esbuild.build({
      entryPoints: [join(benchDir, 'pages', entry)],
      outfile: join(outDir, outfile),
      bundle: true,
      minify: true,
      format: 'iife',
      target: 'es2022',
      platform: 'browser',
      legalComments: 'none',
      loader: { '.css': 'text' },
      define: { 'process.env.NODE_ENV': '"production"' },
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
      logLevel: 'warning',
    });
    return gzipInfo(join(outDir, outfile), `/${outfile}`);
  };
  return {
    adyen: await build('adyen-entry.ts', 'adyen.js'),
    lit: await build('lit-form.ts', 'lit.js'),
  };
}

/** Raw and gzip (level 9, as scripts/size.mjs) sizes of one file. */
export async function gzipInfo(file: string, path: string): Promise<BundleInfo> {
  const raw = await readFile(file);
  return { path, rawBytes: raw.length, gzipBytes: gzipSync(raw, { level: 9 }).length };
}
