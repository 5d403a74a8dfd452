// The blank host page's only script: interactive as soon as it runs.
window.__bench.markInteractive();
