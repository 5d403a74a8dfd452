// The body checks of every JSON request (server/src/http/request.ts): a body nested past
// MAX_JSON_DEPTH, or holding a NUL or an unpaired surrogate in any key or string, is a 422
// naming the problem, whichever way the text spells it (raw, `\u` escaped, in a key, deep
// down). Most bodies are cleared from their text alone; this checks that shortcut against an
// independent walk of the parsed value, on generated bodies and on the spellings that matter.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import fc from 'fast-check';
import { MAX_JSON_DEPTH } from '../../server/src/http/request.ts';
import { startServer, type Server } from './harness.ts';

let server: Server;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const TOO_DEEP = `The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`;
const BAD_TEXT = 'Text may not contain NUL characters or unpaired UTF-16 surrogates.';

type Verdict = 'invalid-json' | 'too-deep' | 'bad-text' | 'fine';

/** A NUL, or a surrogate code unit without its other half. */
function unstorable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return true;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (code >= 0xdc00 && code <= 0xdfff) return true;
  }
  return false;
}

/** What the server may say about `text` (both, when it is too deep and holds bad text). */
function expected(text: string): Verdict[] {
  let value: unknown;
  try {
    // What arrives: UTF-8 cannot carry a lone surrogate, the encoder sends U+FFFD instead.
    value = JSON.parse(Buffer.from(text, 'utf8').toString('utf8'));
  } catch {
    return ['invalid-json'];
  }
  // How many containers the most nested value sits in (the root sits in none).
  const nesting = (v: unknown): number =>
    typeof v === 'object' && v !== null
      ? Math.max(0, ...Object.values(v).map((item) => 1 + nesting(item)))
      : 0;
  const badText = (v: unknown): boolean =>
    typeof v === 'string'
      ? unstorable(v)
      : typeof v === 'object' && v !== null
        ? Object.entries(v).some(([key, item]) => unstorable(key) || badText(item))
        : false;
  const verdicts: Verdict[] = [];
  if (nesting(value) > MAX_JSON_DEPTH) verdicts.push('too-deep');
  if (badText(value)) verdicts.push('bad-text');
  return verdicts.length ? verdicts : ['fine'];
}

async function verdict(text: string): Promise<Verdict> {
  const reply = await server.request('POST', '/api/v1/quotes', {
    rawBody: text,
    headers: { 'Content-Type': 'application/json' },
  });
  if (reply.status === 400) return 'invalid-json';
  if (reply.body?.detail === TOO_DEEP) return 'too-deep';
  if (reply.body?.detail === BAD_TEXT) return 'bad-text';
  assert.notEqual(reply.status, 500, reply.text);
  return 'fine';
}

const nested = (depth: number, inner: string, inObject: boolean) =>
  inObject
    ? '{"a":'.repeat(depth) + inner + '}'.repeat(depth)
    : '['.repeat(depth) + inner + ']'.repeat(depth);

describe('request bodies: depth, NUL and unpaired surrogates', () => {
  it('refuses them however they are spelled, and only them', async () => {
    const quote = '"productId":"certified-platform","planId":"base","years":1';
    const cases: [string, Verdict][] = [
      [`{${quote}}`, 'fine'],
      [`{${quote},"note":"caf\\u00e9 \\\\u0000 ok"}`, 'fine'],
      [`{${quote},"note":"\\ud83e\\uddfe"}`, 'fine'],
      [`{${quote},"note":"🧾"}`, 'fine'],
      [`{${quote},"note":"a\\u0000b"}`, 'bad-text'],
      [`{${quote},"note":"\\ud800"}`, 'bad-text'],
      [`{${quote},"note":"\\uDFFFx"}`, 'bad-text'],
      // Raw, a lone surrogate cannot even be sent: UTF-8 carries U+FFFD in its place.
      [`{${quote},"note":"\ud800"}`, 'fine'],
      [`{${quote},"k\\u0000":1}`, 'bad-text'],
      [`{${quote},"\\ud800":1}`, 'bad-text'],
      [`{${quote},"deep":${nested(20, '"\\u0000"', true)}}`, 'bad-text'],
      [nested(MAX_JSON_DEPTH, '1', false), 'fine'],
      [nested(MAX_JSON_DEPTH + 1, '1', false), 'too-deep'],
      [nested(MAX_JSON_DEPTH + 1, '1', true), 'too-deep'],
      [`{${quote},"brackets":"${'['.repeat(100)}"}`, 'fine'],
      [`{${quote},"many":[${'[],'.repeat(100)}[]]}`, 'fine'],
    ];
    for (const [text, outcome] of cases) {
      assert.deepEqual(expected(text), [outcome], `oracle: ${text.slice(0, 80)}`);
      assert.equal(await verdict(text), outcome, text.slice(0, 80));
    }
  });

  it('agrees with a plain walk of the parsed value on generated bodies', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom('\0', '\ud800', '\udc00', '\ud83e\uddfe', '\\u0000', '\\', 'é'),
    );
    const body = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        text,
        fc.integer(),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(text, tie('value'), { maxKeys: 3 }),
      ),
    })).value;
    const wrapped = fc
      .tuple(body, fc.nat({ max: MAX_JSON_DEPTH + 3 }), fc.boolean(), fc.boolean())
      .map(([value, depth, inObject, raw]) => {
        const json = nested(depth, JSON.stringify(value) ?? 'null', inObject);
        // JSON.stringify escapes lone surrogates; also try them raw, as a client may send them.
        return raw
          ? json.replace(
              /(?<!\\)((?:\\\\)*)\\u(d[89a-f][0-9a-f]{2})/gi,
              (_, slashes: string, hex: string) => slashes + String.fromCharCode(parseInt(hex, 16)),
            )
          : json;
      });
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(wrapped, async (json) => {
        const said = await verdict(json);
        assert.ok(expected(json).includes(said), `${said}: ${json.slice(0, 120)}`);
        checked++;
      }),
      { numRuns: 300 },
    );
    assert.equal(checked, 300);
  });
});
