// Loaded first, synchronously, by every bench page. Records long tasks from the start of the
// page and the moment the component under test becomes interactive, for bench/browser.ts.
(() => {
  let settle;
  const bench = {
    interactiveAt: null,
    /** Resolves when the page is interactive or has failed. */
    done: new Promise((resolve) => {
      settle = resolve;
    }),
    longTasks: [],
    errors: [],
    /**
     * Marks the page interactive after the frame that paints what is on screen now (a task posted
     * from a requestAnimationFrame callback runs after that frame's layout and paint), the same
     * way on every page; `painted`: the page's own event already means that (Cassa's
     * `cassa-ready`), so the mark is now.
     */
    markInteractive(painted = false) {
      if (bench.interactiveAt !== null || bench.marking) return;
      const mark = () => {
        bench.interactiveAt = performance.now();
        performance.mark('bench:interactive');
        settle();
      };
      if (painted) return mark();
      bench.marking = true;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = mark;
        channel.port2.postMessage(null);
      });
    },
    fail(reason) {
      bench.errors.push(String(reason && reason.message ? reason.message : reason));
      settle();
    },
    /** Every element matching `selector` under `root`, looking inside open shadow roots too. */
    deepQueryAll(root, selector) {
      const found = [];
      const visit = (node) => {
        found.push(...node.querySelectorAll(selector));
        for (const el of node.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
      };
      visit(root);
      if (root.shadowRoot) visit(root.shadowRoot);
      return found;
    },
    /** Calls `done` on the first animation frame where `check()` is true. */
    whenRendered(check, done, timeoutMs = 60000) {
      const started = performance.now();
      const tick = () => {
        let ok;
        try {
          ok = check();
        } catch {
          ok = false;
        }
        if (ok) done();
        else if (performance.now() - started > timeoutMs) bench.fail('not rendered in time');
        else requestAnimationFrame(tick);
      };
      tick();
    },
  };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
  window.addEventListener('error', (event) => bench.fail(event.message));
  window.addEventListener('unhandledrejection', (event) => bench.fail(event.reason));
})();
