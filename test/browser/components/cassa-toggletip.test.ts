import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import '../../../src/components/cassa-toggletip/cassa-toggletip.ts';
import type { CassaToggletip } from '../../../src/components/cassa-toggletip/cassa-toggletip.ts';
import { $, squash } from './fixtures.ts';
import { waitUntil } from '../wait.ts';

const HELP = 'È il codice di 7 caratteri con cui lo SdI recapita le fatture elettroniche.';

const tip = () =>
  fixture<CassaToggletip>(
    html`<cassa-toggletip label="Cos'è il Codice Destinatario?">${HELP}</cassa-toggletip>`,
  );

/** Waits until the bubble has been placed (it is, as soon as it renders; again on scroll or resize). */
async function placedBubble(el: CassaToggletip): Promise<DOMRect> {
  const bubble = $(el, '.bubble');
  await waitUntil(() => bubble.style.left, 'the bubble was never placed');
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

  it('in a modal dialog, the first Esc closes only the tip and the second the dialog', async () => {
    const dialog = await fixture<HTMLDialogElement>(
      html`<dialog><cassa-toggletip label="Aiuto">${HELP}</cassa-toggletip></dialog>`,
    );
    dialog.showModal();
    const el = dialog.querySelector('cassa-toggletip')!;
    const button = $<HTMLButtonElement>(el, 'button');
    button.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    await waitUntil(() => button.getAttribute('aria-expanded') === 'false', 'the tip stays open');
    expect(dialog.open, 'the dialog stays open').to.equal(true);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open, 'the second Escape does not close the dialog');
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

/** Scroll events and ResizeObserver callbacks are delivered with the next frame. */
const nextFrames = () =>
  new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

/** Where the tip's button and its bubble are on screen now. */
const onScreen = (el: CassaToggletip) => ({
  button: $(el, 'button').getBoundingClientRect(),
  bubble: $(el, '.bubble').getBoundingClientRect(),
});

/** Opens the tip and returns where its button and its placed bubble are on screen. */
async function openTip(el: CassaToggletip): Promise<{ button: DOMRect; bubble: DOMRect }> {
  $<HTMLButtonElement>(el, 'button').click();
  await el.updateComplete;
  await placedBubble(el);
  // Past the first ResizeObserver callbacks, so a later change is what moves the bubble.
  await nextFrames();
  return onScreen(el);
}

describe('cassa-toggletip: where the bubble shows', () => {
  afterEach(async () => {
    window.scrollTo(0, 0);
    await setViewport({ width: 800, height: 600 });
  });

  it('shows the bubble 6 px below the button, centred under it', async () => {
    const wrapper = await fixture(
      html`<div style="padding: 100px 0; text-align: center">
        <cassa-toggletip label="Aiuto">${HELP}</cassa-toggletip>
      </div>`,
    );
    const { button, bubble } = await openTip(wrapper.querySelector('cassa-toggletip')!);
    expect(bubble.top - button.bottom).to.be.closeTo(6, 0.5);
    expect(bubble.left + bubble.width / 2).to.be.closeTo(button.left + button.width / 2, 0.5);
  });

  it('keeps the bubble below the button and 8 px inside a 320 px wide viewport', async () => {
    await setViewport({ width: 320, height: 640 });
    for (const align of ['left', 'center', 'right']) {
      const wrapper = await fixture(
        html`<div style="margin: 0; padding: 40px 0; text-align: ${align}">
          <cassa-toggletip label="Aiuto">${HELP} ${HELP}</cassa-toggletip>
        </div>`,
      );
      const { button, bubble } = await openTip(wrapper.querySelector('cassa-toggletip')!);
      expect(bubble.width, align).to.be.greaterThan(200);
      expect(bubble.top - button.bottom, align).to.be.closeTo(6, 0.5);
      expect(bubble.left, align).to.be.at.least(8 - 0.5);
      expect(bubble.right, align).to.be.at.most(document.documentElement.clientWidth - 8 + 0.5);
    }
  });

  it('flips the bubble above the button when it does not fit below', async () => {
    await setViewport({ width: 800, height: 600 });
    const wrapper = await fixture(
      html`<div style="height: 600px; display: flex; align-items: flex-end">
        <cassa-toggletip label="Aiuto">${HELP}</cassa-toggletip>
      </div>`,
    );
    const { button, bubble } = await openTip(wrapper.querySelector('cassa-toggletip')!);
    expect(button.bottom).to.be.greaterThan(560);
    expect(button.top - bubble.bottom).to.be.closeTo(6, 0.5);
    expect(bubble.top).to.be.at.least(0);
  });

  it('stays inside the viewport when the window narrows while it is open', async () => {
    const wrapper = await fixture(
      html`<div style="text-align: right">
        <cassa-toggletip label="Aiuto">Breve aiuto.</cassa-toggletip>
      </div>`,
    );
    const el = wrapper.querySelector('cassa-toggletip')!;
    await openTip(el);
    await setViewport({ width: 320, height: 640 });
    await nextFrames();
    const { button, bubble } = onScreen(el);
    expect(button.right).to.be.greaterThan(300);
    expect(bubble.right).to.be.at.most(document.documentElement.clientWidth - 8 + 0.5);
    expect(bubble.top - button.bottom).to.be.closeTo(6, 0.5);
  });

  it('follows the button when the page scrolls', async () => {
    const wrapper = await fixture(
      html`<div style="padding: 200px 0 200vh">
        <cassa-toggletip label="Aiuto">${HELP}</cassa-toggletip>
      </div>`,
    );
    const el = wrapper.querySelector('cassa-toggletip')!;
    const before = await openTip(el);
    window.scrollBy(0, 120);
    await nextFrames();
    const { button, bubble } = onScreen(el);
    expect(button.top).to.be.closeTo(before.button.top - 120, 0.5);
    expect(bubble.top - button.bottom).to.be.closeTo(6, 0.5);
  });

  it('follows the button when a scrolling box in a shadow root scrolls (as the overlay dialog)', async () => {
    const host = await fixture(html`<div></div>`);
    render(
      html`<div id="box" style="height: 300px; overflow: auto">
        <div style="padding: 100px 0 600px">
          <cassa-toggletip label="Aiuto">${HELP}</cassa-toggletip>
        </div>
      </div>`,
      host.attachShadow({ mode: 'open' }),
    );
    const el = host.shadowRoot!.querySelector('cassa-toggletip')!;
    await el.updateComplete;
    const before = await openTip(el);
    host.shadowRoot!.querySelector('#box')!.scrollTop = 80;
    await nextFrames();
    const { button, bubble } = onScreen(el);
    expect(button.top).to.be.closeTo(before.button.top - 80, 0.5);
    expect(bubble.top - button.bottom).to.be.closeTo(6, 0.5);
  });

  it('inside a modal <dialog> at 320 px, in a scrolled box: on screen, and follows the scroll', async () => {
    await setViewport({ width: 320, height: 640 });
    const dialog = await fixture<HTMLDialogElement>(
      html`<dialog style="width: 300px; padding: 0">
        <div id="box" style="height: 400px; overflow: auto; text-align: right">
          <div style="padding: 120px 0 800px">
            <cassa-toggletip label="Aiuto">${HELP} ${HELP}</cassa-toggletip>
          </div>
        </div>
      </dialog>`,
    );
    dialog.showModal();
    const el = dialog.querySelector('cassa-toggletip')!;
    const before = await openTip(el);
    expect(before.bubble.left).to.be.at.least(8 - 0.5);
    expect(before.bubble.right).to.be.at.most(320 - 8 + 0.5);
    expect(before.bubble.top - before.button.bottom).to.be.closeTo(6, 0.5);
    dialog.querySelector('#box')!.scrollTop = 60;
    await nextFrames();
    const { button, bubble } = onScreen(el);
    expect(button.top).to.be.closeTo(before.button.top - 60, 0.5);
    expect(bubble.top - button.bottom).to.be.closeTo(6, 0.5);
    dialog.close();
    await setViewport({ width: 800, height: 600 });
  });

  it('still follows the button after being moved in the page while open', async () => {
    const wrapper = await fixture(
      html`<div style="padding-bottom: 200vh">
        <p id="first"><cassa-toggletip label="Aiuto">${HELP}</cassa-toggletip></p>
        <p id="second" style="margin-top: 150px"></p>
      </div>`,
    );
    const el = wrapper.querySelector('cassa-toggletip')!;
    await openTip(el);
    wrapper.querySelector('#second')!.append(el);
    window.scrollBy(0, 100);
    await nextFrames();
    const { button, bubble } = onScreen(el);
    expect(bubble.top - button.bottom).to.be.closeTo(6, 0.5);
  });

  it('stays under the button inside a transformed ancestor (a containing block for fixed elements)', async () => {
    const wrapper = await fixture(
      html`<div style="margin: 50px 0 0 300px; transform: translate(10px, 20px); width: 300px">
        <cassa-toggletip label="Aiuto">${HELP}</cassa-toggletip>
      </div>`,
    );
    const { button, bubble } = await openTip(wrapper.querySelector('cassa-toggletip')!);
    expect(bubble.top - button.bottom).to.be.closeTo(6, 0.5);
    expect(bubble.left + bubble.width / 2).to.be.closeTo(button.left + button.width / 2, 0.5);
  });

  it('is placed again when its help text grows while open', async () => {
    const wrapper = await fixture(
      html`<div style="height: 600px; display: flex; align-items: flex-end">
        <cassa-toggletip label="Aiuto">Breve.</cassa-toggletip>
      </div>`,
    );
    const el = wrapper.querySelector('cassa-toggletip')!;
    const before = await openTip(el);
    el.textContent = `${HELP} ${HELP} ${HELP}`;
    await nextFrames();
    const bubble = $(el, '.bubble').getBoundingClientRect();
    expect(bubble.height).to.be.greaterThan(before.bubble.height);
    expect(before.button.top - bubble.bottom).to.be.closeTo(6, 0.5);
  });
});
