// A saved payment method's label (text, never markup) as it wraps on a phone: an email in it (a
// PayPal account) breaks only between its pieces, never inside a word.
import { html, type TemplateResult } from 'lit';

/**
 * `text` with a line-break opportunity (`<wbr>`) after each dot, hyphen or underscore of its email
 * (if any) and before the @: on a narrow screen the address wraps there, not inside a word (a piece
 * wider than the line still wraps, by the container's `overflow-wrap`). The text stays the same;
 * one span, so beside a radio it is a single flex item. Chromium's accessible name splits at a
 * `<wbr>`: a control labelled by this carries the whole text as its `aria-label`.
 */
export function savedLabel(text: string): string | TemplateResult {
  const match = /^(.*?)(\S+@\S+)(.*)$/s.exec(text);
  if (!match) return text;
  const [, before, email, after] = match as unknown as [string, string, string, string];
  const pieces = email.split(/(?<=[.\-_])|(?=@)/);
  return html`<span
    >${before}${pieces.map((piece, i) => (i ? html`<wbr />${piece}` : piece))}${after}</span
  >`;
}
