// The customer area's file (issue 24): `<cassa-account>`, its store, its strings and its part of
// the contract. Never part of a purchase: loaded when the page has (or gets) a `<cassa-account>`
// in its document, or by `Cassa.open({ view: 'account' })`. A failure may be retried.
type AccountModule = typeof import('../components/cassa-account/cassa-account.ts');
let pending: Promise<AccountModule> | undefined;

export function loadAccountArea(): Promise<AccountModule> {
  return (pending ??= import('../components/cassa-account/cassa-account.ts').catch(
    (error: unknown) => {
      pending = undefined;
      throw error;
    },
  ));
}

/**
 * Loads the customer area as soon as a `<cassa-account>` is in `document` (now or added later;
 * offline: again when the browser is back online). Elements inside other shadow roots are not
 * seen: import the file (or call `Cassa.open({ view: 'account' })`) for those.
 */
export function watchAccountElements(document: Document): void {
  const observer = new MutationObserver(() => check());
  const check = (): void => {
    if (!document.querySelector('cassa-account')) return;
    observer.disconnect();
    loadAccountArea().catch(() => window.addEventListener('online', check, { once: true }));
  };
  observer.observe(document.documentElement, { childList: true, subtree: true });
  check();
}
