// The toggletip's placement with floating-ui, a file of its own (loaded on the first opening,
// prefetched when idle); importing the functions by name keeps the rest of floating-ui out.
import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';

/**
 * Keeps `bubble` 6 px below `button`, flipped above when it does not fit, shifted to stay 8 px
 * inside the viewport, whenever the button moves (scroll in any ancestor, shadow roots and the
 * overlay's dialog included, resize). Returns what stops it and the first placement.
 */
/**
 * The bubble is `position: fixed`: no scrolling box around the button clips it, only the viewport
 * does (floating-ui's default boundary, the clipping ancestors, would squeeze it into one).
 */
const inViewport = { boundary: document.documentElement, padding: 8 } as const;

export function follow(
  button: HTMLElement,
  bubble: HTMLElement,
): { stop: () => void; placed: Promise<void> } {
  let placed!: () => void;
  const first = new Promise<void>((resolve) => (placed = resolve));
  // Measured as what it will be: floating-ui reads the element's own position to find its origin.
  bubble.style.position = 'fixed';
  const stop = autoUpdate(button, bubble, async () => {
    const { x, y } = await computePosition(button, bubble, {
      strategy: 'fixed',
      placement: 'bottom',
      middleware: [offset(6), flip(inViewport), shift(inViewport)],
    });
    // CSSOM, not a style attribute: allowed under a strict CSP.
    Object.assign(bubble.style, { left: `${x}px`, top: `${y}px` });
    placed();
  });
  return { stop, placed: first };
}
