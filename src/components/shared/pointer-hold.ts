// While a mouse button is down, nothing Cassa renders may move: a message shown as a field loses
// focus (the mousedown on "Prosegui" is what makes it lose focus), or a server's answer, would move
// the button from under the pointer, and the mouseup would land elsewhere — the click lost. Elements
// hold their updates during a press and render right after its click (issue 14).

let pressed = false;
const waiting = new Set<() => void>();

function release(): void {
  if (!pressed) return;
  pressed = false;
  // After the click that follows the mouseup: the click lands, then the layout changes.
  setTimeout(() => {
    if (pressed) return;
    for (const then of waiting) then();
    waiting.clear();
  });
}

if (typeof window !== 'undefined') {
  // Primary button of a mouse or pen; a touch's tap is short and may start a scroll.
  addEventListener(
    'pointerdown',
    (e) => (pressed ||= !e.button && e.pointerType !== 'touch'),
    true,
  );
  for (const type of ['pointerup', 'pointercancel', 'blur']) addEventListener(type, release, true);
}

/** While a press is in progress: resolves once it is over (after its click); else null. */
export const pointerReleased = (): Promise<void> | null =>
  pressed ? new Promise<void>((resolve) => waiting.add(resolve)) : null;
