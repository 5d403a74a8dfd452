// Waiting in browser tests: for what the buyer would see, with a bound that only a hang reaches.
// @open-wc/testing's own waitUntil gives up after 1 s by default: a busy machine re-rendering a
// checkout takes longer than that now and then, and the test turned red on a correct widget.

/**
 * How long a browser test waits for a state before calling it a hang. Generous on purpose: a
 * state that comes is waited for only as long as it takes; this bound is reached only when it
 * never comes. (web-test-runner.config.js gives each test several times this.)
 */
export const WAIT_MS = 30_000;

/**
 * Resolves once `predicate` holds (checked now, then every `interval` ms); rejects with
 * `message` (a function is asked at that moment, so it can say what the page showed) after
 * `timeout` ms. The same shape as @open-wc/testing's `waitUntil`, with {@link WAIT_MS}.
 */
export async function waitUntil(
  predicate: () => unknown,
  message?: string | (() => string),
  { timeout = WAIT_MS, interval = 50 }: { timeout?: number; interval?: number } = {},
): Promise<void> {
  const { stack } = new Error();
  const deadline = performance.now() + timeout;
  for (;;) {
    if (await predicate()) return;
    if (performance.now() > deadline) {
      const text = typeof message === 'function' ? message() : message;
      const error = new Error(`Timeout after ${timeout} ms: ${text ?? 'the expected state'}`);
      if (stack) error.stack = `${error.message}\n${stack.split('\n').slice(1).join('\n')}`;
      throw error;
    }
    await new Promise((next) => setTimeout(next, interval));
  }
}
