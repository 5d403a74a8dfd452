// While a pointer button is down, nothing Cassa renders may move: a message shown as a field loses
// focus (the mousedown on "Prosegui" is what makes it lose focus), or a server's answer, would move
// the button from under the pointer, and the mouseup would land elsewhere — the click lost. Elements
// hold their updates during a press and render right after the click (issue 14).

let pressed = false;
let watching = false;
const waiting = new Set<() => void>();
/** A press whose release never reaches the page (released outside the window) holds no longer. */
const LONGEST_PRESS_MS = 2000;
let safety: ReturnType<typeof setTimeout> | undefined;

function release(): void {
  if (!pressed) return;
  pressed = false;
  clearTimeout(safety);
  // After the click that follows the mouseup (same task): the click lands, then the layout changes.
  setTimeout(() => {
    if (pressed) return;
    const callbacks = [...waiting];
    waiting.clear();
    for (const callback of callbacks) callback();
  });
}

function watch(): void {
  if (watching || typeof window === 'undefined') return;
  watching = true;
  const options = { capture: true, passive: true };
  window.addEventListener(
    'pointerdown',
    (event) => {
      // Primary button of a mouse or pen; a touch's tap is short and may start a scroll.
      if (event.button !== 0 || event.pointerType === 'touch') return;
      pressed = true;
      clearTimeout(safety);
      safety = setTimeout(release, LONGEST_PRESS_MS);
    },
    options,
  );
  for (const type of ['pointerup', 'pointercancel', 'dragstart', 'blur'])
    window.addEventListener(type, release, options);
}

/** Whether a press is in progress; if so, `then` runs once it is over (after its click). */
export function heldByPointer(then: () => void): boolean {
  watch();
  if (!pressed) return false;
  waiting.add(then);
  return true;
}

/** Starts watching presses (the first element does, so the very first press is seen too). */
export const watchPointer = watch;
