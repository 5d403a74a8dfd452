// Real mouse clicks (through the browser's input pipeline: sendMouse) that record every layout
// shift between the mousedown and the mouseup, and whether the target moved or missed the click.
import { nextFrame } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';

export interface PressReport {
  /** Layout-shift entries that started between the mousedown and the mouseup. */
  shifts: number;
  /** How far the target's box moved between the mousedown and the mouseup, in px. */
  moved: number;
  /** The click event reached the target (or an element inside it). */
  landed: boolean;
}

interface Shift extends PerformanceEntry {
  value: number;
}

const box = (el: Element) => el.getBoundingClientRect();

/**
 * Moves the mouse to the middle of `target`, presses, holds for `holdMs` (a person's click lasts
 * about 100 ms), releases. Shifts are observed on the whole page.
 */
export async function realClick(target: Element, holdMs = 120): Promise<PressReport> {
  target.scrollIntoView({ block: 'center' });
  await nextFrame();
  const start = box(target);
  const x = Math.round(start.left + start.width / 2);
  const y = Math.round(start.top + start.height / 2);
  await sendMouse({ type: 'move', position: [x, y] });

  const shifts: Shift[] = [];
  const observer = new PerformanceObserver((list) =>
    shifts.push(...(list.getEntries() as Shift[])),
  );
  observer.observe({ type: 'layout-shift' });
  let downAt = 0;
  let upAt = 0;
  let atDown = start;
  let atUp = start;
  let landed = false;
  const onDown = () => {
    downAt = performance.now();
    atDown = box(target);
  };
  const onUp = () => {
    upAt = performance.now();
    atUp = box(target);
  };
  const onClick = (event: Event) => {
    if (event.composedPath().includes(target)) landed = true;
  };
  window.addEventListener('pointerdown', onDown, { capture: true, once: true });
  window.addEventListener('pointerup', onUp, { capture: true, once: true });
  window.addEventListener('click', onClick, { capture: true });
  try {
    await sendMouse({ type: 'down' });
    await new Promise((resolve) => setTimeout(resolve, holdMs));
    await nextFrame();
    await sendMouse({ type: 'up' });
    await nextFrame();
    await nextFrame();
    // Entries are delivered after the frame that painted them.
    for (const entry of observer.takeRecords() as Shift[]) shifts.push(entry);
  } finally {
    observer.disconnect();
    window.removeEventListener('click', onClick, { capture: true });
  }
  const during = shifts.filter((s) => s.startTime >= downAt && s.startTime <= upAt);
  const moved = Math.max(Math.abs(atUp.top - atDown.top), Math.abs(atUp.left - atDown.left));
  return { shifts: during.length, moved, landed };
}

/** Replaces the focused field's text with the real keyboard. */
export async function retype(text: string): Promise<void> {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  if (active instanceof HTMLInputElement) active.select();
  await sendKeys({ press: 'Backspace' });
  if (text) await sendKeys({ type: text });
}
