// Points <cassa-checkout> at the reference server given in ?backend=… and marks the page
// interactive when `cassa-ready` has fired and the plan picker's choices are rendered.
(() => {
  const bench = window.__bench;
  const backend = new URLSearchParams(location.search).get('backend');
  const checkout = document.querySelector('cassa-checkout');
  if (!backend || !checkout) {
    bench.fail('cassa page: missing ?backend= or <cassa-checkout>');
    return;
  }
  checkout.setAttribute('backend', backend);
  document.addEventListener('cassa-error', (event) =>
    bench.fail(`cassa-error ${event.detail.code}`),
  );
  document.addEventListener('cassa-ready', () => {
    const shown = () =>
      bench
        .deepQueryAll(checkout, 'cassa-plan-picker')
        .some((picker) => bench.deepQueryAll(picker, 'input, button').length >= 2);
    // `cassa-ready` comes after the frame that paints the first step: interactive then.
    if (shown()) bench.markInteractive(true);
    else bench.whenRendered(shown, () => bench.markInteractive());
  });
})();
