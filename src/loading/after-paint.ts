// After the next paint: what `cassa-ready` waits for, so that "ready" means the first step is laid
// out and on screen (a requestAnimationFrame callback runs before the frame's style, layout and
// paint; a task posted from it runs after them).
export function afterPaint(then: () => void): void {
  // A hidden page paints no frames: nothing to wait for.
  if (document.visibilityState === 'hidden') return void setTimeout(then);
  requestAnimationFrame(() => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      then();
    };
    port2.postMessage(null);
  });
}
