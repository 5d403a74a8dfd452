// <cassa-checkout> rough edges found in review: long addresses on a phone.
import { expect } from '@open-wc/testing';
import { FakeBackend, clearCassaStorage, deepAll, mount, onStep } from './helpers.ts';

const MEMBER = 'mario.rossi@architettitorinopec.it';

/** The lines the text directly inside `element` is laid out on, as the buyer sees them. */
function renderedLines(element: Element): string[] {
  const lines: { top: number; text: string }[] = [];
  for (const node of Array.from(element.childNodes)) {
    if (node.nodeType !== Node.TEXT_NODE) continue;
    const text = node.textContent ?? '';
    for (let i = 0; i < text.length; i++) {
      if (!text[i]!.trim()) continue;
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const top = Math.round(range.getBoundingClientRect().top);
      const line = lines.find((l) => Math.abs(l.top - top) < 4);
      if (line) line.text += text[i];
      else lines.push({ top, text: text[i]! });
    }
  }
  return lines.sort((a, b) => a.top - b.top).map((l) => l.text);
}

describe('<cassa-checkout> review fixes: the mailbox picker on a phone', () => {
  let backend: FakeBackend;
  beforeEach(async () => {
    clearCassaStorage();
    backend = await FakeBackend.create();
  });

  for (const width of [320, 280]) {
    it(`in a widget ${width} px wide a long PEC address wraps after the @, never inside a word`, async () => {
      const { el } = await mount(backend, {
        product: 'pec-addons',
        sessionToken: backend.tokenFor(MEMBER),
      });
      el.style.display = 'block';
      el.style.width = `${width}px`;
      await onStep(el, 'Scegli la casella PEC');
      // The address is the text of the label itself; the expiry date is a span under it.
      const addresses = deepAll(el, '[part="mailbox"] > span').map(renderedLines);
      expect(addresses.map((lines) => lines.join(''))).to.deep.equal([
        'mario.rossi@architettitorinopec.it',
        'studio.rossi@architettitorinopec.it',
      ]);
      for (const lines of addresses) {
        // Either it fits on one line, or it breaks right after the @.
        if (lines.length > 1)
          expect(lines).to.deep.equal([lines[0]!.split('@')[0] + '@', 'architettitorinopec.it']);
      }
      expect(
        addresses.some((lines) => lines.length > 1),
        'the addresses fit on one line at this width: the test checks nothing',
      ).to.equal(true);
    });
  }
});
