// Issue 7, item 1: every transport fault at every call a purchase depends on. Each case breaks one
// call (catalog, quote, login, order) of a whole purchase, checks what the buyer sees in both
// languages and what the host page hears, clears the fault, retries, and finishes the purchase:
// one order, carrying everything chosen and typed before the fault.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../wait.ts';
import { choice, clearCassaStorage, deep, press, within } from '../checkout/helpers.ts';
import { AFTER_UPSTREAM, FaultyBackend, type Fault, type Stage } from './faulty-backend.ts';
import {
  WORDS,
  errorRegion,
  expectErrorShown,
  expectOneOrderKeepingEverything,
  pressRetry,
  purchase,
  type Lang,
  type Widget,
} from './journey.ts';

const FAULTS: { fault: Fault; code: string; what: string }[] = [
  { fault: 'unreachable', code: 'network', what: 'backend unreachable' },
  { fault: 'timeout', code: 'timeout', what: 'no answer within the timeout' },
  { fault: 'http500', code: 'server', what: '500 problem+json' },
  { fault: 'http502', code: 'server', what: '502 with an HTML body' },
  { fault: 'malformed', code: 'invalid_response', what: 'malformed JSON' },
  { fault: 'shape', code: 'invalid_response', what: 'JSON of the wrong shape' },
];
const STAGES: Stage[] = ['catalog', 'quote', 'login', 'order'];

/** What must still be on screen after the fault, before the retry. */
function expectKept(w: Widget, stage: Stage): void {
  const { el } = w;
  if (stage === 'quote') {
    expect(deep<HTMLInputElement>(el, 'input#q-extra-users').value).to.equal('2');
  }
  if (stage === 'login') {
    expect(deep<HTMLInputElement>(el, 'input#username').value).to.equal('1234567@aruba.it');
    expect(deep<HTMLInputElement>(el, 'input#password').value).to.equal('cassa-demo');
  }
  if (stage === 'order') {
    expect(choice(el, 'Visa •••• 4242').checked, 'the saved card is still chosen').to.equal(true);
    expect(within<HTMLInputElement>(el, 'cassa-order-summary', 'input#terms')[0]!.checked).to.equal(
      true,
    );
  }
}

describe('hardening: fault matrix in the widget (fault × where it happens)', function () {
  const passed: string[] = [];
  beforeEach(clearCassaStorage);
  after(() => {
    console.log(
      `hardening: widget faults=${passed.length} (${FAULTS.length} faults × ${STAGES.length} stages) recovered with one order each`,
    );
  });

  FAULTS.forEach(({ fault, code, what }, i) => {
    STAGES.forEach((stage, j) => {
      const lang: Lang = (i + j) % 2 === 0 ? 'it' : 'en';
      // A failed login is retried with the login button itself; elsewhere the banner has one.
      const retryable = stage !== 'login';
      it(`${what} at ${stage} (${lang}): message in it and en, ${retryable ? 'retry button' : 'log in again'}, data kept, one order after the retry`, async () => {
        const faulty = await FaultyBackend.create();
        const w = await purchase(faulty, lang, {
          before: (s) => (s === stage ? faulty.inject(stage, fault) : undefined),
          after: async (s, widget) => {
            if (s !== stage) return;
            await expectErrorShown(widget, lang, stage, { code, retryable });
            expectKept(widget, stage);
            // A proxy fault after the backend's work leaves an order that the retry must reuse.
            expect(faulty.orders()).to.equal(
              stage === 'order' && AFTER_UPSTREAM.includes(fault) ? 1 : 0,
            );
            faulty.clear(stage);
            if (stage === 'login') await press(widget.el, WORDS[lang].login);
            else await pressRetry(widget, stage);
            if (stage === 'quote') {
              await waitUntil(
                () => !errorRegion(widget, stage),
                'the banner stays after a good quote',
              );
            }
          },
        });
        expect(faulty.attemptsAt(stage, true).length, 'faulty attempts').to.be.greaterThan(0);
        expectOneOrderKeepingEverything(faulty, w);
        passed.push(`${fault}@${stage}`);
      });
    });
  });
});
