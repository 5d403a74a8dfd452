#!/usr/bin/env node
// `npx cassa-conformance <backend-url>`: in this repository the TypeScript source runs through
// tsx (a dev dependency); in the published package, the build's dist/conformance/cli.mjs runs.
import { existsSync } from 'node:fs';

const source = new URL('../conformance/cli.ts', import.meta.url);
const built = new URL('../dist/conformance/cli.mjs', import.meta.url);

async function tsxAvailable() {
  try {
    const { register } = await import('tsx/esm/api');
    register();
    return true;
  } catch {
    return false;
  }
}

if (existsSync(source) && (await tsxAvailable())) await import(source.href);
else if (existsSync(built)) await import(built.href);
else {
  process.stderr.write(
    'cassa-conformance: dist/conformance/cli.mjs is missing: run `npm run build`\n',
  );
  process.exit(2);
}
