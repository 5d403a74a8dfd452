// The rest of a checkout's purchase, fetched once its first step is shown (this module is a file
// of its own, fetched then). The built drop-in's files are preloaded as
// `<link rel="modulepreload">`: fetched and compiled, not run, so no later step's code runs or
// stays in memory while the buyer looks at the first step (checkout/next-steps.ts runs the next
// step ahead); the steps' loaders (loading/parts.ts) then find them here. Not loaded by the
// drop-in (the ESM build, the sources), each part is run when the browser is idle instead.
import type { StepId } from '../state/steps.ts';
import { dropInFiles } from './drop-in-files.ts';
import { idle, prefetch, purchaseParts } from './parts.ts';

/** The built drop-in's files of each part (its parts module), once; null when unavailable. */
let partFiles: Promise<Record<string, string[]> | null> | undefined;
/** The files already asked for with a `modulepreload` link. */
const preloaded = new Set<string>();

/**
 * Fetches the files of `parts` without running them: a `<link rel="modulepreload">` each, with
 * the drop-in script's nonce. False when the widget was not loaded by the built drop-in or its
 * parts module cannot be fetched (then nothing is done).
 */
async function preload(parts: readonly string[]): Promise<boolean> {
  const files = dropInFiles();
  if (!files) return false;
  // Built, this module is a file beside the others.
  partFiles ??= import(/* @vite-ignore */ new URL(files.parts, import.meta.url).href).then(
    (module: { default: Record<string, string[]> }) => module.default,
    () => {
      partFiles = undefined;
      return null;
    },
  );
  const byPart = await partFiles;
  if (!byPart) return false;
  for (const part of parts)
    for (const file of byPart[part] ?? []) {
      const href = new URL(file, import.meta.url).href;
      if (preloaded.has(href)) continue;
      preloaded.add(href);
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      link.href = href;
      if (files.nonce) link.nonce = files.nonce;
      document.head.append(link);
    }
  return true;
}

/**
 * After a checkout's `cassa-ready`, when the browser is idle: the files of its purchase's parts
 * and of the store's later concerns (`session`, `ordering`: they run when needed), preloaded;
 * elsewhere each part is run, and `concerns` (the store's prefetch) too.
 */
export async function prefetchPurchase(
  steps: readonly StepId[],
  concerns: () => void,
): Promise<void> {
  const parts = purchaseParts(steps);
  await idle();
  if (await preload([...parts, 'session', 'ordering'])) return;
  concerns();
  await prefetch(parts);
}
