// Overlay mode: once the page has loaded, clicks its Buy button (whose handler calls Cassa.open
// with the reference server of ?backend=…) and marks the page interactive when the dialog's first
// step is: the plan picker's choices rendered. `clickAt` lets the bench report click → interactive.
(() => {
  const bench = window.__bench;
  const backend = new URLSearchParams(location.search).get('backend');
  const buy = document.getElementById('buy');
  if (!backend || !buy || !window.Cassa) {
    bench.fail('overlay page: missing ?backend=, the Buy button or window.Cassa');
    return;
  }
  buy.addEventListener('click', () => {
    window.Cassa.open({ backend, product: 'certified-platform', plan: 'base' }).catch(() => {});
  });
  document.addEventListener('cassa-error', (event) =>
    bench.fail(`cassa-error ${event.detail.code}`),
  );
  document.addEventListener('cassa-ready', () => {
    const overlay = document.querySelector('cassa-overlay');
    bench.whenRendered(
      () =>
        bench
          .deepQueryAll(overlay, 'cassa-plan-picker')
          .some((picker) => bench.deepQueryAll(picker, 'input, button').length >= 2),
      () => bench.markInteractive(),
    );
  });
  window.addEventListener('load', () => {
    bench.clickAt = performance.now();
    buy.click();
  });
})();
