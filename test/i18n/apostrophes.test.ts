// Italian text shown to buyers uses the typographic apostrophe (’) throughout, never the straight
// one (') next to it: "Numero d’ordine", "L’indirizzo", like "Cos’è il Codice Destinatario?".
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { itAccount } from '../../src/i18n/it/account.ts';
import { itAddons } from '../../src/i18n/it/addons.ts';
import { itForms } from '../../src/i18n/it/forms.ts';
import { itFrame } from '../../src/i18n/it/frame.ts';
import { itHolder } from '../../src/i18n/it/holder.ts';
import { itMailbox } from '../../src/i18n/it/mailbox.ts';
import { itResult } from '../../src/i18n/it/result.ts';
import { itSummary } from '../../src/i18n/it/summary.ts';
import { accountMsg, type AccountKey } from '../../src/i18n/account.ts';

describe('Italian messages: one apostrophe', () => {
  it('the checkout’s dictionaries', () => {
    const dictionaries = [
      itAccount,
      itAddons,
      itForms,
      itFrame,
      itHolder,
      itMailbox,
      itResult,
      itSummary,
    ];
    const straight = dictionaries
      .flatMap((d) => Object.entries(d as Record<string, string>))
      .filter(([, text]) => text.includes("'"));
    assert.deepEqual(straight, []);
  });

  it('the customer area’s', () => {
    // Its keys as the file declares them; each read the way the area reads it.
    const source = readFileSync(new URL('../../src/i18n/account.ts', import.meta.url), 'utf8');
    const keys = [...new Set([...source.matchAll(/^\s+'(acc\.[\w.]+)':/gm)].map((m) => m[1]!))];
    assert.ok(keys.length > 50, `only ${keys.length} keys found`);
    const straight = keys
      .map((key) => [key, accountMsg('it', key as AccountKey)] as const)
      .filter(([, text]) => text.includes("'"));
    assert.deepEqual(straight, []);
  });
});
