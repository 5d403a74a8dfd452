import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import '../../../src/components/cassa-toggletip/cassa-toggletip.ts';
import type { CassaToggletip } from '../../../src/components/cassa-toggletip/cassa-toggletip.ts';
import { $, squash } from './fixtures.ts';

const HELP = 'È il codice di 7 caratteri con cui lo SdI recapita le fatture elettroniche.';

const tip = () =>
  fixture<CassaToggletip>(
    html`<cassa-toggletip label="Cos'è il Codice Destinatario?">${HELP}</cassa-toggletip>`,
  );

/** Waits until the bubble has been placed (floating-ui computes asynchronously). */
async function placedBubble(el: CassaToggletip): Promise<DOMRect> {
  const bubble = $(el, '.bubble');
  for (let i = 0; i < 50 && !bubble.style.left; i++) await new Promise((r) => setTimeout(r, 10));
  return bubble.getBoundingClientRect();
}

/** The help text shown in the region (slotted light DOM, as rendered). */
function bubbleText(region: HTMLElement): string {
  const slot = region.querySelector('slot');
  return squash(
    slot
      ?.assignedNodes()
      .map((node) => node.textContent)
      .join(''),
  );
}

describe('cassa-toggletip', () => {
  it('is a "?" button named by its label, closed at first', async () => {
    const el = await tip();
    const button = $<HTMLButtonElement>(el, 'button');
    expect(button.getAttribute('aria-label')).to.equal("Cos'è il Codice Destinatario?");
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.querySelector('.bubble')).to.equal(null);
    expect(el.getBoundingClientRect().width).to.be.at.least(24);
  });

  it('opens on click, showing the help in a polite live region, and closes on a second click', async () => {
    const el = await tip();
    const button = $<HTMLButtonElement>(el, 'button');
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const region = $(el, `#${button.getAttribute('aria-controls')}`);
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(bubbleText(region)).to.equal(HELP);
    expect((await placedBubble(el)).height).to.be.greaterThan(0);
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(bubbleText(region)).to.equal('');
  });

  it('closes on Esc with the focus left on its button', async () => {
    const el = await tip();
    const button = $<HTMLButtonElement>(el, 'button');
    button.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.activeElement).to.equal(button);
  });

  it('does not let Esc reach an enclosing dialog while it is open', async () => {
    const wrapper = await fixture(
      html`<div><cassa-toggletip label="Aiuto">${HELP}</cassa-toggletip></div>`,
    );
    const el = wrapper.querySelector('cassa-toggletip')!;
    let escapes = 0;
    wrapper.addEventListener('keydown', () => escapes++);
    $<HTMLButtonElement>(el, 'button').click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, 'button').focus();
    await sendKeys({ press: 'Escape' });
    expect(escapes).to.equal(0);
    await sendKeys({ press: 'Escape' });
    expect(escapes).to.equal(1);
  });

  it('closes on a click outside, but not on a click inside the bubble', async () => {
    const wrapper = await fixture(
      html`<div>
        <p id="outside">Altro testo</p>
        <cassa-toggletip label="Aiuto">${HELP}</cassa-toggletip>
      </div>`,
    );
    const el = wrapper.querySelector('cassa-toggletip')!;
    const button = $<HTMLButtonElement>(el, 'button');
    button.click();
    await el.updateComplete;
    const rect = await placedBubble(el);
    await sendMouse({
      type: 'click',
      position: [Math.round(rect.x + 10), Math.round(rect.y + 10)],
    });
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    wrapper.querySelector<HTMLElement>('#outside')!.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
  });

  it('keeps the bubble inside the viewport when the button sits at the right edge of a narrow box', async () => {
    await setViewport({ width: 360, height: 640 });
    const wrapper = await fixture(
      html`<div style="width: 200px; margin-left: 158px; overflow: auto; text-align: right">
        <cassa-toggletip label="Aiuto">${HELP} ${HELP}</cassa-toggletip>
      </div>`,
    );
    const el = wrapper.querySelector('cassa-toggletip')!;
    expect(el.getBoundingClientRect().right).to.be.greaterThan(340);
    $<HTMLButtonElement>(el, 'button').click();
    await el.updateComplete;
    const rect = await placedBubble(el);
    expect(rect.width).to.be.greaterThan(100);
    expect(rect.left).to.be.at.least(0);
    expect(rect.right).to.be.at.most(360);
    expect(rect.top).to.be.at.least(0);
    await setViewport({ width: 800, height: 600 });
  });

  it('is accessible, open and closed', async () => {
    const el = await tip();
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, 'button').click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
