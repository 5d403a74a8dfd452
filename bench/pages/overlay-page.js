// Overlay mode: once the page has loaded and `Cassa.preload()` (the hover) has fetched the files,
// clicks its Buy button (whose handler calls Cassa.open
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
    const shown = () =>
      bench
        .deepQueryAll(overlay, 'cassa-plan-picker')
        .some((picker) => bench.deepQueryAll(picker, 'input, button').length >= 2);
    // `cassa-ready` comes after the frame that paints the first step: interactive then.
    if (shown()) bench.markInteractive(true);
    else bench.whenRendered(shown, () => bench.markInteractive());
  });
  // As the overlay recipe has it: `Cassa.preload()` when the pointer reaches the Buy button (here
  // once the page has loaded), then the click.
  buy.addEventListener('pointerenter', () => void window.Cassa.preload().catch(() => {}), {
    once: true,
  });
  window.addEventListener('load', () => {
    buy.dispatchEvent(new PointerEvent('pointerenter'));
    void window.Cassa.preload()
      .catch(() => {})
      .then(() => {
        bench.clickAt = performance.now();
        buy.click();
      });
  });
})();
