// Registering a custom element once: the widget may be on the page twice (the drop-in script next
// to the ESM build, or two copies of either), and the first definition of a tag stays in place.
export function defineElement<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls: CustomElementConstructor,
): void {
  if (!customElements.get(tag)) customElements.define(tag, cls);
}
