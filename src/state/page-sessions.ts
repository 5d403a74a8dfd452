// A closed overlay's session, kept in the page's memory (never in storage) so that opening the same
// checkout again while the page lives does not ask to log in again. Forgotten when the buyer
// deletes the draft, and when the page goes away for good (a reload starts with a login).
import type { Session } from './types.ts';

export interface PageSession {
  token: string;
  session: Session;
}

/** By draft key (backend, product, widget id, preselection): what a reopened checkout takes back. */
const sessions = new Map<string, PageSession | null>();

/** Whether a checkout with this key was closed on this page (with or without a session). */
export const wasClosedHere = (key: string): boolean => sessions.has(key);

/** Kept on closing: the session (if any) for the next opening of the same checkout. */
export function keepPageSession(key: string, kept: PageSession | null): void {
  sessions.set(key, kept);
}

/** Taken once by the next opening of the same checkout. */
export function takePageSession(key: string): PageSession | null {
  const kept = sessions.get(key) ?? null;
  sessions.delete(key);
  return kept;
}

export function forgetPageSession(key: string): void {
  sessions.delete(key);
}

// The page is unloaded (not only put in the back-forward cache): nothing survives it.
if (typeof window !== 'undefined')
  window.addEventListener('pagehide', (event) => {
    if (!(event as PageTransitionEvent).persisted) sessions.clear();
  });
